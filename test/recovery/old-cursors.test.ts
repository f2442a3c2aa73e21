import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAlgoFactory } from '../../src/algos/algo-factory.js';
import { VirtualClock } from '../../src/core/clock.js';
import { Engine } from '../../src/engine/engine.js';
import { ScriptedMarket } from '../../src/feeds/sim/scripted-market.js';
import { journalKeys } from '../../src/journal/journal-records.js';
import { SqliteJournal } from '../../src/journal/sqlite-journal.js';
import { decimal } from '../../src/market/decimal.js';
import { RECOVERY_ROW_ID } from '../../src/recovery/recover.js';
import { BOOK_ENTRY_ID, RecoveryBook } from '../../src/recovery/recovery-book.js';
import { PaperVenue } from '../../src/venues/paper/paper-venue.js';
import type { Venue } from '../../src/venues/venue.js';
import { forwarding, quoteOn } from '../durable/exo-lives.js';
import { useTempDir } from '../journal/helpers.js';
import { JournaledParent } from './contract-writer.js';
import { advance, drive, parentOrder } from './helpers.js';

const closing: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closing.splice(0)) await close();
});

/** The paper venue, recording the cursors `fillsSince` is asked from. */
function asking(paper: PaperVenue, asked: Array<string | undefined>): Venue {
  return forwarding(paper, {
    fillsSince: (cursor) => {
      asked.push(cursor);
      return paper.fillsSince(cursor);
    },
    close: async () => {},
  });
}

describe('a journal written when fills cursors were numbers', () => {
  const tempDir = useTempDir();

  it('recovers: it asks fillsSince from the old number as text, books the missed fill once, and writes text', async () => {
    const clock = new VirtualClock(1_700_000_000_000);
    const market = new ScriptedMarket();
    const paper = new PaperVenue({ market, clock, latencyMs: 2 });
    closing.push(() => paper.close());
    const quote = (bid: string, ask: string): void => quoteOn(market, bid, ask);
    quote('100', '101');
    const path = join(tempDir(), 'journal.db');

    // The old code's life: a resting child of 2 fills 1, every cursor journaled as a number.
    const old = SqliteJournal.open(path, { clock });
    const parent = new JournaledParent(
      parentOrder('exo-old', { quantity: '2', algo: 'peg', limitPrice: '100' }),
      old,
      clock,
      'paper',
      { legacyCursors: true },
    );
    paper.onReport((report, cursor) => parent.report(report, cursor));
    paper.submit(
      parent.sendChild({ quantity: decimal('2'), limitPrice: decimal('100'), timeInForce: 'gtc' }),
    );
    await advance(clock, 5);
    quote('99', '100');
    await advance(clock, 5);
    const [first] = paper.ledger().fills;
    expect(first?.qty.toFixed()).toBe('1');
    await old.append({
      orderId: RECOVERY_ROW_ID,
      kind: 'recovery',
      idempotencyKey: journalKeys.recovery(clock.now()),
      body: {
        liveOrders: 1,
        fillsRecovered: 0,
        childrenAdopted: 0,
        childrenRejected: 0,
        orphansCancelled: 0,
        durationMs: 1,
        venueCursors: { paper: first!.venueSeq },
      },
    });
    const oldBodies = [...old.readFrom(0)].map((row) => row.body as Record<string, unknown>);
    expect(oldBodies.filter((body) => typeof body.venueSeq === 'number')).not.toEqual([]);
    expect(oldBodies.some((body) => 'cursor' in body)).toBe(false);
    await old.close();

    // Down: the rest fills.
    paper.onReport(() => {});
    quote('98', '100');
    await advance(clock, 5);
    const missed = paper.ledger().fills[1]!;
    expect(missed.qty.toFixed()).toBe('1');

    // This code's life, on the same file.
    const journal = SqliteJournal.open(path, { clock });
    const asked: Array<string | undefined> = [];
    const engine = new Engine({
      clock,
      marketData: market,
      venue: asking(paper, asked),
      journal,
      createFactory: (listener, venue) => createAlgoFactory({ venue, listener }),
      algos: ['peg'],
      symbols: ['BTC-USD'],
    });
    closing.push(() => engine.stop());
    await engine.start();
    const outcome = await drive(clock, engine.recover());
    engine.ready();
    await advance(clock, 10);

    expect(asked[0]).toBe(String(first!.venueSeq));
    expect(outcome.fillsRecovered).toBe(1);
    expect(engine.store.get('exo-old')).toMatchObject({ status: 'filled', cumQty: decimal('2') });
    expect(engine.store.get('exo-old')?.fills.map((fill) => fill.execId)).toEqual([
      first!.execId,
      missed.execId,
    ]);
    const rows = [...journal.readFrom(0)];
    expect(rows.filter((row) => row.kind === 'fill')).toHaveLength(2);
    const recoveries = rows.filter((row) => row.kind === 'recovery');
    expect(recoveries.at(-1)?.body).toMatchObject({
      venueCursors: { paper: String(missed.venueSeq) },
    });
  });

  it('a snapshot and rows of the old shape fold to cursors as text', () => {
    const book = new RecoveryBook();
    book.load({
      id: 1,
      coversSequence: 10,
      time: 0,
      orders: [
        { orderId: BOOK_ENTRY_ID, body: { venueCursors: { paper: 41 }, foldedThrough: 10 } },
      ],
    });
    expect(book.cursors()).toEqual(new Map([['paper', '41']]));
    book.apply({
      sequence: 11,
      time: 0,
      orderId: 'exo-gone',
      kind: 'venue_report',
      idempotencyKey: 'k11',
      body: { venue: 'paper', clOrdId: 'exo-gone-1', status: 'new', transactTime: 0, venueSeq: 42 },
    });
    expect(book.cursors().get('paper')).toBe('42');
    book.apply({
      sequence: 12,
      time: 0,
      orderId: RECOVERY_ROW_ID,
      kind: 'recovery',
      idempotencyKey: 'k12',
      body: { venueCursors: { paper: 'BTCUSDT:7' } },
    });
    expect(book.cursors().get('paper')).toBe('BTCUSDT:7');
  });
});
