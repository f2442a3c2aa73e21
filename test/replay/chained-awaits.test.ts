import { describe, expect, it } from 'vitest';
import type { DelegateFactory } from '../../src/core/delegate.js';
import type { ParentOrder } from '../../src/orders/parent-order.js';
import type { ReplayOrder } from '../../src/replay/replay-order.js';
import { runReplay } from '../../src/replay/run-replay.js';
import { syntheticTicks } from '../../src/replay/synthetic-ticks.js';
import { order, SYMBOL, T0 } from './fixtures.js';

const batches = [
  ...syntheticTicks({ events: 6000, symbols: [SYMBOL], seed: 9, startUs: T0, meanGapUs: 1000 }),
];
const orders: ReplayOrder[] = [
  order({
    algo: 'twap',
    startUs: T0 + 50_000,
    quantity: '2',
    params: { durationMs: 3000, slices: 6 },
  }),
  order({ algo: 'peg', side: 'sell', startUs: T0 + 80_000, quantity: '1.5' }),
  order({ algo: 'take', startUs: T0 + 2_000_000, quantity: '3' }),
];

/** Ten awaits, one inside the other, before the reference delegate's answer is returned. */
async function deep<T>(levels: number, answer: () => T | Promise<T>): Promise<T> {
  if (levels === 0) return await answer();
  return await deep(levels - 1, answer);
}

/** The reference delegates, each action behind ten chained awaits. */
const chained = (reference: DelegateFactory<ParentOrder>): DelegateFactory<ParentOrder> => ({
  create: (parent, context) => {
    const inner = reference.create(parent, context);
    return { action: (update) => deep(10, () => inner.action(update)) };
  },
});

describe('replay settling', () => {
  for (const latency of ['0', '200us']) {
    it(`fills a delegate with ten chained awaits per action exactly like a flat one (latencies ${latency})`, async () => {
      const options = {
        seed: 3,
        decisionLatency: latency,
        entryLatency: latency,
        responseLatency: latency,
      };
      const flat = await runReplay(batches, orders, options);
      const awaited = await runReplay(batches, orders, { ...options, createFactory: chained });
      expect(flat.orders.flatMap((o) => o.fills).length).toBeGreaterThan(3);
      expect(awaited.orders).toEqual(flat.orders);
      expect([flat.run.errors, awaited.run.errors]).toEqual([undefined, undefined]);
    });
  }
});
