import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJournalOrders } from '../../src/replay/orders-from-journal.js';
import { FAR_BELOW } from '../halt/helpers.js';
import { liveRun } from './live-journal.js';
import { tempDirs } from './temp-dirs.js';

const tempDir = tempDirs('exo-replay-journal-');

/** A journal's path in a fresh directory, removed after the test. */
function journalPath(): string {
  return join(tempDir(), 'journal.db');
}

describe('--orders-from-journal', () => {
  it("reads a live run's parents: arrival, terms, algorithm, params, replaces and cancel", async () => {
    const { path, peg, twap, at } = await liveRun(journalPath());
    const { orders, refused } = readJournalOrders(path);
    expect(refused).toEqual([]);
    expect(orders).toEqual([
      {
        ref: peg,
        symbol: 'BTC-USD',
        side: 'buy',
        quantity: '1',
        limitPrice: FAR_BELOW['BTC-USD'],
        algo: 'peg',
        params: {},
        startUs: at.peg * 1_000,
        amends: [{ atUs: at.replace * 1_000, quantity: '2', limitPrice: '59000' }],
        cancelAtUs: at.cancel * 1_000,
      },
      {
        ref: twap,
        symbol: 'ETH-USD',
        side: 'sell',
        quantity: '0.3',
        algo: 'twap',
        params: { durationMs: 60_000, slices: 6 },
        startUs: at.twap * 1_000,
        amends: [],
      },
    ]);
  });

  it('names a file that is not a journal', () => {
    expect(() => readJournalOrders(join(journalPath(), 'missing.db'))).toThrow(/missing\.db/);
  });
});
