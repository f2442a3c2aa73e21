import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/clock.js';
import { decimal } from '../../src/market/decimal.js';
import { readJournalOrders } from '../../src/replay/orders-from-journal.js';
import { FAR_BELOW, restingPeg, start, stop } from '../halt/helpers.js';
import { advance } from '../recovery/helpers.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function journalPath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'exo-replay-journal-'));
  dirs.push(dir);
  return join(dir, 'journal.db');
}

describe('--orders-from-journal', () => {
  it("reads a live run's parents: arrival, terms, algorithm, params, replaces and cancel", async () => {
    const path = journalPath();
    const clock = new VirtualClock(Date.UTC(2026, 11, 6, 10));
    const { engine } = await start(path, clock);
    const pegAt = clock.now();
    const peg = await restingPeg(engine, 'BTC-USD');
    await advance(clock, 250);
    const twapAt = clock.now();
    const twap = engine.intake.prepareNew({
      side: 'sell',
      symbol: 'ETH-USD',
      quantity: decimal('0.3'),
      algo: 'twap',
      params: { durationMs: 60_000, slices: 6 },
    });
    expect(await engine.intake.commit(twap)).toBeUndefined();
    await advance(clock, 250);
    const replaceAt = clock.now();
    const replace = engine.intake.prepareReplace(peg, {
      quantity: decimal('2'),
      limitPrice: decimal('59000'),
    });
    expect(await engine.intake.commit(replace)).toBeUndefined();
    await advance(clock, 250);
    const cancelAt = clock.now();
    expect(await engine.intake.commit(engine.intake.prepareCancel(peg))).toBeUndefined();
    await advance(clock, 250);
    await stop(clock, engine);

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
        startUs: pegAt * 1_000,
        amends: [{ atUs: replaceAt * 1_000, quantity: '2', limitPrice: '59000' }],
        cancelAtUs: cancelAt * 1_000,
      },
      {
        ref: twap.order.orderId,
        symbol: 'ETH-USD',
        side: 'sell',
        quantity: '0.3',
        algo: 'twap',
        params: { durationMs: 60_000, slices: 6 },
        startUs: twapAt * 1_000,
        amends: [],
      },
    ]);
  });

  it('names a file that is not a journal', () => {
    expect(() => readJournalOrders(join(journalPath(), 'missing.db'))).toThrow(/missing\.db/);
  });
});
