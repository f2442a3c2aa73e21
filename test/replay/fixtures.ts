import type { Delegate, DelegateContext, DelegateFactory } from '../../src/core/delegate.js';
import type { Update } from '../../src/core/update.js';
import type { DelegateSetup } from '../../src/engine/assemble-engine.js';
import type { ParentOrder } from '../../src/orders/parent-order.js';
import type { ReplayFactory } from '../../src/replay/replay-engine.js';
import type { ReplayOrder } from '../../src/replay/replay-order.js';
import type { QuoteTick, TickEvent, TradeTick } from '../../src/ticks/tick-event.js';

/** Where the fixtures' recordings start, µs. */
export const T0 = 1_700_000_000_000_000;
export const SYMBOL = 'BTC-USD';

/** A quote of SYMBOL at `us`. */
export function quote(
  us: number,
  bidPx: string,
  askPx: string,
  bidQty = '1',
  askQty = '1',
): QuoteTick {
  return { kind: 'quote', symbol: SYMBOL, venueUs: us, recvUs: us, bidPx, bidQty, askPx, askQty };
}

/** A trade of SYMBOL at `us`. */
export function trade(us: number, px: string, qty: string): TradeTick {
  return { kind: 'trade', symbol: SYMBOL, venueUs: us, recvUs: us, px, qty };
}

/** A definition of SYMBOL on a cent grid, at `us`. */
export function definition(us: number): TickEvent {
  return { kind: 'symbol', symbol: SYMBOL, recvUs: us, tickSize: '0.01', lotSize: '0.001' };
}

/** A parent order of SYMBOL with defaults for what a test does not care about. */
export function order(
  fields: Partial<ReplayOrder> & Pick<ReplayOrder, 'algo' | 'startUs'>,
): ReplayOrder {
  return {
    ref: fields.ref ?? `${fields.algo}@${fields.startUs}`,
    symbol: SYMBOL,
    side: 'buy',
    quantity: '1',
    params: {},
    amends: [],
    ...fields,
  };
}

/** What a recording delegate saw on one update. */
export interface Seen {
  readonly orderId: string;
  readonly us: number;
  readonly update: Update<ParentOrder>;
}

/** The context's clock in whole microseconds. */
export function nowUs(context: DelegateContext<ParentOrder>): number {
  return Math.round(context.clock.now() * 1000);
}

/**
 * A factory whose orders of algorithm `algo` get `build`'s delegate, and every other order its
 * reference algorithm: how tests put small delegates of their own into a replay.
 */
export function withAlgo(
  algo: string,
  build: (
    order: ParentOrder,
    context: DelegateContext<ParentOrder>,
    setup: DelegateSetup,
  ) => Delegate<ParentOrder>,
): ReplayFactory {
  return (reference: DelegateFactory<ParentOrder>, setup: DelegateSetup) => ({
    create: (order, context) =>
      order.algo === algo ? build(order, context, setup) : reference.create(order, context),
  });
}

/** A delegate that only records its updates (into `seen`) and never completes. */
export function recorder(seen: Seen[]): ReplayFactory {
  return withAlgo('watch', (order, context) => ({
    action: (update) => {
      seen.push({ orderId: order.orderId, us: nowUs(context), update });
      return false;
    },
  }));
}
