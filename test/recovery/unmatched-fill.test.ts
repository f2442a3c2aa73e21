import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/clock.js';
import { AppliedFills } from '../../src/engine/applied-fills.js';
import { IdempotencyIndex } from '../../src/engine/idempotency-index.js';
import { rebuildIntakeIndexes } from '../../src/engine/intake-indexes.js';
import { readFill } from '../../src/journal/journal-bodies.js';
import { journalKeys } from '../../src/journal/journal-records.js';
import { SqliteJournal } from '../../src/journal/sqlite-journal.js';
import { type Decimal, decimal } from '../../src/market/decimal.js';
import { cumulative } from '../../src/market/fills.js';
import { rebuildFromJournal } from '../../src/recovery/rebuild.js';
import { reconcile } from '../../src/recovery/reconcile.js';
import type { RecoveryBook } from '../../src/recovery/recovery-book.js';
import type { Venue, VenueFill, VenueOrderStatus } from '../../src/venues/venue.js';
import { JournaledParent } from './contract-writer.js';
import { drive, parentOrder } from './helpers.js';

const LIVE = 'exo-u';
const CHILD = `${LIVE}-1`;
const DONE = 'exo-q';

/** A venue answering reconciliation from a fill log (listed by fillsSince) and one open child. */
interface Scripted {
  /** What fillsSince lists, cursor by cursor. */
  readonly listed: VenueFill[];
  /** What fillsOf lists per child. */
  readonly byChild: Map<string, VenueFill[]>;
  open: VenueOrderStatus | undefined;
}

function scriptedVenue(script: Scripted): Venue {
  return {
    name: 'paper',
    onReport: () => {},
    submit: () => {},
    replace: () => {},
    cancel: () => {},
    openOrders: async () => (script.open === undefined ? [] : [script.open]),
    orderStatus: async (clOrdId) => (script.open?.clOrdId === clOrdId ? script.open : undefined),
    fillsSince: async (cursor = '0') => {
      const after = script.listed.filter((fill) => Number(fill.cursor) > Number(cursor));
      return { fills: after, cursor: after.at(-1)?.cursor ?? cursor };
    },
    fillsOf: async (clOrdId) => script.byChild.get(clOrdId) ?? [],
    close: async () => {},
  };
}

function venueFill(
  cursor: number,
  execId: string,
  clOrdId: string,
  parentId: string,
  qty: string,
  px: string,
): VenueFill {
  return {
    cursor: String(cursor),
    execId,
    clOrdId,
    parentId,
    venueOrderId: `v-${clOrdId}`,
    symbol: 'BTC-USD',
    side: 'buy',
    qty: decimal(qty),
    px: decimal(px),
    time: 10 + cursor,
  };
}

/** The venue's account of the live child: working, with `fills` done. */
function openChild(fills: readonly VenueFill[]): VenueOrderStatus {
  const { cumQty, avgPx } = cumulative(fills);
  return {
    clOrdId: CHILD,
    parentId: LIVE,
    venueOrderId: `v-${CHILD}`,
    symbol: 'BTC-USD',
    side: 'buy',
    quantity: decimal('2'),
    limitPrice: decimal('101'),
    timeInForce: 'gtc',
    status: cumQty.gt(0) ? 'partially_filled' : 'new',
    cumQty,
    leavesQty: decimal('2').minus(cumQty),
    ...(avgPx === undefined ? {} : { avgPx }),
  };
}

/** A live parent with one acknowledged child of 2 at the venue. */
function liveParent(journal: SqliteJournal, clock: VirtualClock): void {
  const parent = new JournaledParent(
    parentOrder(LIVE, { quantity: '2', algo: 'peg', limitPrice: '101' }),
    journal,
    clock,
  );
  parent.sendChild({ quantity: decimal('2'), limitPrice: decimal('101'), timeInForce: 'gtc' });
  parent.report({ orderId: LIVE, clOrdId: CHILD, execType: 'new', status: 'new', transactTime: 1 });
}

/** One restart: the book as the journal rebuilds it, reconciled with the venue. */
async function restart(
  journal: SqliteJournal,
  clock: VirtualClock,
  venue: Venue,
): Promise<RecoveryBook> {
  const book = rebuildFromJournal(journal);
  await drive(clock, reconcile(book, venue, { journal, clock }));
  await journal.committed();
  return book;
}

/** The live child's figures in a book: its cumQty and the exec IDs it counted. */
function childOf(book: RecoveryBook): { cumQty: Decimal; execIds: string[] } {
  const { state } = book.order(LIVE)!;
  const fills = state.snapshot().fills.filter((fill) => fill.clOrdId === CHILD);
  return { cumQty: state.child(CHILD)!.cumQty, execIds: fills.map((fill) => fill.execId) };
}

/** The journal's fill rows for an exec ID that are booked (not flagged unmatched). */
function bookedRows(journal: SqliteJournal, execId: string): number {
  return [...journal.readFrom(1)].filter(
    (row) =>
      row.kind === 'fill' && readFill(row.body).execId === execId && !readFill(row.body).unmatched,
  ).length;
}

describe('a fill reconciliation could not match at first', () => {
  it('is journaled when it is booked for its child after all, and counts once across two restarts', async () => {
    const clock = new VirtualClock(5_000);
    const journal = SqliteJournal.open(':memory:', { clock });
    liveParent(journal, clock);
    await journal.committed();
    // The venue lists the execution under a client ID exo does not know (as a venue does under an
    // ID exo was not following), and lists it under the child when asked for the child's fills.
    const listedAs = venueFill(1, 'x1', `${LIVE}-7`, LIVE, '0.5', '100');
    const asChild = { ...listedAs, clOrdId: CHILD };
    const script: Scripted = {
      listed: [listedAs],
      byChild: new Map([[CHILD, [asChild]]]),
      open: openChild([asChild]),
    };
    const venue = scriptedVenue(script);

    const first = await restart(journal, clock, venue);
    expect(childOf(first).cumQty.toFixed()).toBe(script.open!.cumQty.toFixed());

    const second = await restart(journal, clock, venue);
    const third = rebuildFromJournal(journal);
    for (const book of [second, third]) {
      expect(childOf(book).cumQty.toFixed()).toBe(script.open!.cumQty.toFixed());
      expect(childOf(book).execIds).toEqual(['x1']);
    }
    expect(bookedRows(journal, 'x1')).toBe(1);
    await journal.close();
  });

  it('does not keep its exec ID from a later fill of a live child that reuses it', async () => {
    const clock = new VirtualClock(5_000);
    const journal = SqliteJournal.open(':memory:', { clock });
    // A completed parent's child fills while exo is down: the restart finds it matching no live
    // child and journals it unmatched.
    const done = new JournaledParent(
      parentOrder(DONE, { quantity: '1', algo: 'peg', limitPrice: '101' }),
      journal,
      clock,
    );
    done.sendChild({ quantity: decimal('1'), limitPrice: decimal('101'), timeInForce: 'gtc' });
    done.complete('canceled');
    await journal.committed();
    const late = venueFill(1, 'x1', `${DONE}-1`, DONE, '1', '100');
    const script: Scripted = { listed: [late], byChild: new Map(), open: undefined };
    const venue = scriptedVenue(script);
    await restart(journal, clock, venue);
    expect(bookedRows(journal, 'x1')).toBe(0);

    // A new parent's child fills while exo is down again; the venue (a FIX one numbering its
    // ExecIDs afresh each session) reuses x1 for it.
    liveParent(journal, clock);
    await journal.committed();
    const reused = venueFill(2, 'x1', CHILD, LIVE, '0.5', '100.5');
    script.listed.push(reused);
    script.byChild.set(CHILD, [reused]);
    script.open = openChild([reused]);
    await restart(journal, clock, venue);

    const second = await restart(journal, clock, venue);
    for (const book of [second, rebuildFromJournal(journal)]) {
      expect(childOf(book).cumQty.toFixed()).toBe(script.open.cumQty.toFixed());
      expect(childOf(book).execIds).toEqual(['x1']);
    }
    expect(bookedRows(journal, 'x1')).toBe(1);
    await journal.close();
  });

  it('is not taken for an applied fill by the live fills rebuilt from the journal', async () => {
    const clock = new VirtualClock(5_000);
    const journal = SqliteJournal.open(':memory:', { clock });
    liveParent(journal, clock);
    await journal.committed();
    const listedAs = venueFill(1, 'x1', `${LIVE}-7`, LIVE, '0.5', '100');
    const script: Scripted = { listed: [listedAs], byChild: new Map(), open: openChild([]) };
    await restart(journal, clock, scriptedVenue(script));

    const fills = new AppliedFills();
    rebuildIntakeIndexes(journal.readFrom(1), new IdempotencyIndex(), fills);
    expect(fills.termsOf(journalKeys.fill('paper', 'x1'))).toBeUndefined();
    expect(fills.applied(listedAs.clOrdId)).toBeUndefined();
    await journal.close();
  });
});
