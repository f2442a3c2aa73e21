import { describe, expect, it } from 'vitest';
import type { ReplayOrder } from '../../src/replay/replay-order.js';
import { type ReplayOptions, runReplay } from '../../src/replay/run-replay.js';
import { syntheticTicks } from '../../src/replay/synthetic-ticks.js';
import { T0 } from './fixtures.js';

const symbols = ['A-USD', 'B-USD'];
const batches = [
  ...syntheticTicks({ events: 8000, symbols, seed: 4, startUs: T0, meanGapUs: 500 }),
];
const orders: ReplayOrder[] = symbols.flatMap((symbol, i) => [
  {
    ref: `twap-${symbol}`,
    symbol,
    side: i === 0 ? 'buy' : 'sell',
    quantity: '2',
    algo: 'twap',
    params: { durationMs: 2000, slices: 8 },
    startUs: T0 + 10_000,
    amends: [{ atUs: T0 + 1_000_000, quantity: '2.5' }],
  },
  {
    ref: `peg-${symbol}`,
    symbol,
    side: 'buy',
    quantity: '1',
    algo: 'peg',
    params: {},
    startUs: T0 + 20_000,
    amends: [],
  },
]);
const jitter: ReplayOptions = {
  seed: 11,
  decisionLatency: 'lognormal:50us,400us',
  entryLatency: 'lognormal:100us,2ms',
  responseLatency: 'lognormal:100us,2ms',
  fillModel: 'queue',
};

describe('replay determinism', () => {
  it('gives the same outcome twice, and other fills under another seed with jitter', async () => {
    const first = await runReplay(batches, orders, jitter);
    const second = await runReplay(batches, orders, jitter);
    expect(second).toEqual(first);
    expect(first.orders.flatMap((o) => o.fills).length).toBeGreaterThan(4);
    const reseeded = await runReplay(batches, orders, { ...jitter, seed: 12 });
    expect(reseeded.run.seed).toBe(12);
    expect(reseeded.orders.map((o) => o.fills)).not.toEqual(first.orders.map((o) => o.fills));
  });
});
