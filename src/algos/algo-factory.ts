import type { Delegate, DelegateContext, DelegateFactory } from '../core/delegate.js';
import { Decimal, sign } from '../market/decimal.js';
import type { Report } from '../market/report.js';
import type { OrderEvent, OrderEventListener } from '../orders/order-event.js';
import type { ParentOrder } from '../orders/parent-order.js';
import type { Venue } from '../venues/venue.js';
import type { AlgoSetup, RestoredAlgo } from './algo-delegate.js';
import { AlgoError } from './algo-error.js';
import type { InflightOptions } from './inflight-watch.js';
import type { InstrumentLookup } from './instrument.js';
import { createPeg } from './peg.js';
import { createTake } from './take.js';
import { createTwap } from './twap.js';

/** Builds one algorithm's delegate, throwing AlgoError for params it cannot work with. */
export type AlgoConstructor = (setup: AlgoSetup) => Delegate<ParentOrder>;

/** One of the reference algorithms' names. */
export type AlgoName = 'take' | 'peg' | 'twap';

/**
 * The reference algorithms' names, for the HTTP layer to validate `algo` against (typed as plain
 * strings so that `ALGO_NAMES.includes(input)` needs no cast).
 */
export const ALGO_NAMES: readonly string[] = Object.freeze([
  'take',
  'peg',
  'twap',
] satisfies AlgoName[]);

/** The reference algorithms by name. */
export const REFERENCE_ALGOS: Readonly<Record<AlgoName, AlgoConstructor>> = {
  take: createTake,
  peg: createPeg,
  twap: createTwap,
};

/** What the algorithm factory needs: where children go, where events go, and optionally more. */
export interface AlgoFactoryOptions {
  readonly venue: Venue;
  readonly listener: OrderEventListener;
  /** The algorithms by name; the reference three by default. */
  readonly algos?: Readonly<Record<string, AlgoConstructor>>;
  /** Symbols' tick and lot sizes, so children are valid at the venue (twap slices in whole lots). */
  readonly instruments?: InstrumentLookup;
  /** Told when the listener throws; the order carries on either way. */
  readonly onListenerError?: (error: unknown, event: OrderEvent) => void;
  /** When unanswered child requests are queried and resolved (default 5 s, 3 tries). */
  readonly inflight?: InflightOptions;
  /** Told of each report exo worked out itself for an unanswered request (to journal it). */
  readonly onResolved?: (report: Report) => void;
}

/**
 * The delegate factory of the service: picks the algorithm by `order.algo` and checks the order's
 * terms and params when the order is created, throwing AlgoError (naming the field) for an unknown
 * algorithm, a quantity or limit that is not a positive decimal, or a bad parameter. The dispatcher
 * turns that throw into an `invalid_instruction` refusal, so a bad order never starts.
 */
export function createAlgoFactory(
  options: AlgoFactoryOptions,
): Required<DelegateFactory<ParentOrder, RestoredAlgo>> {
  const algos: Readonly<Record<string, AlgoConstructor>> = options.algos ?? REFERENCE_ALGOS;
  const build = (
    order: ParentOrder,
    context: DelegateContext<ParentOrder>,
    restored: RestoredAlgo | undefined,
  ): Delegate<ParentOrder> => {
    const construct = Object.hasOwn(algos, order.algo) ? algos[order.algo] : undefined;
    if (construct === undefined) {
      const known = Object.keys(algos).join(', ');
      throw new AlgoError('algo', `unknown algorithm ${quoted(order.algo)} (expected ${known})`);
    }
    checkPositive(order.quantity, 'quantity');
    if (order.limitPrice !== undefined) checkPositive(order.limitPrice, 'limitPrice');
    const instrument = options.instruments?.(order.symbol);
    return construct({
      order,
      context,
      venue: options.venue,
      listener: options.listener,
      ...(instrument === undefined ? {} : { instrument }),
      ...(options.onListenerError === undefined
        ? {}
        : { onListenerError: options.onListenerError }),
      ...(options.inflight === undefined ? {} : { inflight: options.inflight }),
      ...(options.onResolved === undefined ? {} : { onResolved: options.onResolved }),
      ...(restored === undefined ? {} : { restored }),
    });
  };
  return {
    create: (order, context) => build(order, context, undefined),
    /**
     * Rebuilds the delegate of an order live before a restart from what recovery saved (its
     * children, fills, figures, pending requests, cancel and checkpoint): it resumes on its first
     * update, marked `recovered`, and decides afresh without replaying old updates.
     */
    restore: (order, restored, context) => build(order, context, restored),
  };
}

function checkPositive(value: unknown, field: string): void {
  if (!(value instanceof Decimal) || sign(value) <= 0) {
    throw new AlgoError(field, 'expected a positive decimal');
  }
}

function quoted(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value.slice(0, 40)) : typeof value;
}
