import type { Delegate, DelegateContext, DelegateFactory } from '../core/delegate.js';
import type { Update } from '../core/update.js';
import { SeededRandom, streamSeed } from '../feeds/sim/seeded-random.js';
import { extended } from '../market/extended.js';
import type { ParentOrder } from '../orders/parent-order.js';
import type { BusyOrders } from './busy-orders.js';
import type { LatencyModel } from './latency-model.js';
import type { ReplayClock } from './replay-clock.js';

/** What the replay counts of its delegates: their market updates, and who is live on each symbol. */
export class DelegateCounts {
  /** Updates handed over that carried a quote or trades. */
  marketUpdates = 0;
  /** Actions that returned a promise not yet settled: work a turn of the event loop may still run. */
  pending = 0;
  readonly #live = new Map<string, number>();

  /** How many delegates of the symbol are live now. */
  liveOn(symbol: string): number {
    return this.#live.get(symbol) ?? 0;
  }

  started(symbol: string): void {
    this.#live.set(symbol, this.liveOn(symbol) + 1);
  }

  ended(symbol: string): void {
    this.#live.set(symbol, this.liveOn(symbol) - 1);
  }
}

/** What busyFactory needs: the clock, the decision latency, who is busy, the seed, the counts. */
export interface BusyFactoryOptions {
  readonly clock: ReplayClock;
  readonly decision: LatencyModel;
  readonly busy: BusyOrders;
  readonly seed: number;
  readonly counts: DelegateCounts;
}

/**
 * The delegates as replay runs them: each gets a seeded PRNG of its own in its context (from the
 * run's seed and its order ID), and with a decision latency d each action given an update at t
 * decides at once on data as of t but finishes no earlier than t + d: its order is busy until
 * then (its requests held, see HeldVenue), and what arrives meanwhile conflates into its next
 * update, as it would live.
 */
export function busyFactory(
  inner: DelegateFactory<ParentOrder>,
  options: BusyFactoryOptions,
): DelegateFactory<ParentOrder> {
  const { clock, decision, busy, counts } = options;
  return {
    create(order: ParentOrder, context: DelegateContext<ParentOrder>): Delegate<ParentOrder> {
      const random = new SeededRandom(streamSeed(options.seed, `delegate:${order.orderId}`));
      const delegate = inner.create(order, extended(context, { random: () => random.next() }));
      counts.started(order.symbol);
      let live = true;
      const ended = (complete: boolean): boolean => {
        if (complete && live) {
          live = false;
          counts.ended(order.symbol);
        }
        return complete;
      };
      const settled = (complete: boolean): boolean => {
        counts.pending--;
        return ended(complete);
      };
      const failed = (error: unknown): never => {
        counts.pending--;
        throw error;
      };
      const act = (update: Update<ParentOrder>): boolean | Promise<boolean> => {
        if (update.quote !== undefined || update.trade !== undefined) counts.marketUpdates++;
        const d = decision.zero ? 0 : decision.draw();
        if (d <= 0) {
          const result = delegate.action(update);
          if (typeof result === 'boolean') return ended(result);
          counts.pending++;
          return result.then(settled, failed);
        }
        counts.pending++;
        const until = clock.nowUs + d;
        busy.busy(order.orderId, until);
        let result: boolean | Promise<boolean>;
        try {
          result = delegate.action(update);
        } catch (error) {
          counts.pending--;
          throw error;
        }
        return new Promise<boolean>((resolve) => {
          busy.at(until, () => resolve(result));
        }).then(settled, failed);
      };
      return {
        action: act,
        ...(delegate.cleanUp === undefined ? {} : { cleanUp: () => delegate.cleanUp!() }),
      };
    },
  };
}
