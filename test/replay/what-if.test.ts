import { describe, expect, it } from 'vitest';
import { readJournalOrders } from '../../src/replay/orders-from-journal.js';
import type { ReplayOrder } from '../../src/replay/replay-order.js';
import { runReplay } from '../../src/replay/run-replay.js';
import { buildReport, compareReports, summaryTable } from '../../src/report/index.js';
import { FAR_BELOW } from '../halt/helpers.js';
import { asLive } from './live-engine.js';
import {
  type PlannedChange,
  type PlannedOrder,
  plainReplayed,
  recorded,
  recordedRun,
} from './recorded-run.js';
import { tempDirs } from './temp-dirs.js';

const tempDir = tempDirs('exo-what-if-');

/** A resting peg replaced then canceled, twaps both ways, a peg that fills. */
const PLAN: (PlannedOrder | PlannedChange)[] = [
  {
    afterMs: 0,
    symbol: 'BTC-USD',
    side: 'buy',
    quantity: '1',
    limitPrice: FAR_BELOW['BTC-USD'],
    algo: 'peg',
  },
  {
    afterMs: 41,
    symbol: 'ETH-USD',
    side: 'sell',
    quantity: '0.4',
    algo: 'twap',
    params: { durationMs: 2_000, slices: 4 },
  },
  { afterMs: 120, amend: 0, quantity: '2', limitPrice: '59000' },
  { afterMs: 17, symbol: 'ETH-USD', side: 'buy', quantity: '0.2', algo: 'peg' },
  {
    afterMs: 63,
    symbol: 'BTC-USD',
    side: 'buy',
    quantity: '0.03',
    limitPrice: '70000',
    algo: 'twap',
    params: { durationMs: 1_500, slices: 3 },
  },
  { afterMs: 200, cancel: 0 },
];

/** The orders with another algorithm, as `exo replay --algo ALGO --params PARAMS` sets them. */
function withAlgo(
  orders: readonly ReplayOrder[],
  algo: string,
  params: ReplayOrder['params'],
): ReplayOrder[] {
  return orders.map((order) => ({ ...order, algo, params }));
}

/** Issue 15's test 8: a live run's journal replayed as it traded, then with another algorithm. */
describe('what-if from a live journal', () => {
  it('reads the live terms back, replays them as they traded, and compares another algorithm', async () => {
    const live = await recordedRun(tempDir(), PLAN);
    const { orders, refused } = readJournalOrders(live.journal);
    expect(refused).toEqual([]);
    // Terms, algorithms, params, arrivals, replaces and the cancel, exactly as the live run gave them.
    expect(orders).toEqual(live.orders);
    expect(orders[0]!.amends).toHaveLength(1);
    expect(orders[0]!.cancelAtUs).toBeDefined();

    const asTraded = await runReplay(recorded(live.recording), orders, asLive());
    expect(asTraded.orders.map(plainReplayed)).toEqual(live.parents);

    const take = await runReplay(recorded(live.recording), withAlgo(orders, 'take', {}), asLive());
    expect(take.orders.map((order) => order.algo)).toEqual(orders.map(() => 'take'));
    const reports = await Promise.all(
      [asTraded, take].map(async (outcome) => {
        return (await buildReport(outcome, recorded(live.recording))).report;
      }),
    );
    const labels = ['as traded', 'take'];
    const comparison = compareReports(reports, labels);
    expect(
      comparison.orders.map((order) => [order.ref, order.results.map((r) => r?.algo)]),
    ).toEqual(orders.map((order) => [order.ref, [order.algo, 'take']]));
    // The summary table: each order once per run, with that run's algorithm.
    const lines = summaryTable(reports, labels).split('\n');
    for (const order of orders) {
      const rows = lines.filter((line) => line.includes(order.ref));
      expect(rows).toHaveLength(2);
      expect(rows[0]).toMatch(new RegExp(`^as traded .*\\b${order.algo}\\b`));
      expect(rows[1]).toMatch(/^take .*\btake\b/);
    }
  });
});
