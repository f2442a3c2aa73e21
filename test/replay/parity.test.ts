import { describe, expect, it } from 'vitest';
import { runReplay } from '../../src/replay/run-replay.js';
import { asLive } from './live-engine.js';
import { type PlannedOrder, plainReplayed, recorded, recordedRun } from './recorded-run.js';
import { tempDirs } from './temp-dirs.js';

const tempDir = tempDirs('exo-parity-');

/** Take, peg and twap, buying and selling, on both symbols, a little apart. */
const PLAN: PlannedOrder[] = [
  { afterMs: 0, symbol: 'BTC-USD', side: 'buy', quantity: '0.02', algo: 'take' },
  { afterMs: 37, symbol: 'ETH-USD', side: 'sell', quantity: '0.5', algo: 'take' },
  {
    afterMs: 53,
    symbol: 'BTC-USD',
    side: 'sell',
    quantity: '0.05',
    algo: 'twap',
    params: { durationMs: 3_000, slices: 5 },
  },
  { afterMs: 11, symbol: 'ETH-USD', side: 'buy', quantity: '0.3', algo: 'peg' },
  {
    afterMs: 71,
    symbol: 'ETH-USD',
    side: 'buy',
    quantity: '1',
    algo: 'twap',
    params: { durationMs: 2_000, slices: 4 },
  },
  { afterMs: 29, symbol: 'BTC-USD', side: 'sell', quantity: '0.01', algo: 'peg' },
];

/**
 * Issue 15's test 7. The live run is the engine as `exo --record` runs it (recordingTap on the
 * engine's market data, receive times from its virtual clock); the replay gets the recording, the
 * orders at the instants they were placed, and the options the live run traded with (asLive).
 * Market events never share an instant with the engine's own events here: see recorded-run.ts for
 * why that is needed and what differs when they do.
 */
describe('record → replay parity', () => {
  it.each([11, 12, 13])(
    'replaying a recorded live run (seed %i) with its orders and venue fills each order identically',
    async (seed) => {
      const live = await recordedRun(tempDir(), PLAN, seed);
      const outcome = await runReplay(recorded(live.recording), live.orders, asLive(seed));
      expect(live.parents.every((parent) => parent.fills.length > 0)).toBe(true);
      expect(outcome.orders.map(plainReplayed)).toEqual(live.parents);
      // What the engine carried on past is the same too, order by order.
      const asReplayed = (message: string) =>
        live.orders.reduce(
          (text, order, index) => text.replaceAll(order.ref, outcome.orders[index]!.orderId),
          message,
        );
      expect(outcome.run.errors ?? []).toEqual(
        live.errors.map((error) => asReplayed(error.message)),
      );
    },
  );
});
