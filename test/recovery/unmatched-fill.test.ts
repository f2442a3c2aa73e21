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
import { type ReconcileResult, reconcile } from '../../src/recovery/reconcile.js';
import type { RecoveryBook } from '../../src/recovery/recovery-book.js';
import type { Venue, VenueFill, VenueOrderStatus } from '../../src/venues/venue.js';
import { JournaledParent } from './contract-writer.js';
import { drive, parentOrder, queryingVenue } from './helpers.js';

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

/** The venue answering from a script the test changes between restarts. */
function scriptedVenue(script: Scripted): Venue {
  return queryingVenue({
    openOrders: async () => (script.open === undefined ? [] : [script.open]),
    orderStatus: async (clOrdId) => (script.open?.clOrdId === clOrdId ? script.open : undefined),
    fillsSince: async (cursor = '0') => {
      const after = script.listed.filter((fill) => Number(fill.cursor) > Number(cursor));
      return { fills: after, cursor: after.at(-1)?.cursor ?? cursor };
    },
    fillsOf: async (clOrdId) => script.byChild.get(clOrdId) ?? [],
  });
}

/** A BTC-USD buy execution at the venue, `cursor` being where it lies in the venue's fills. */
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

/** A venue script where the live child has filled `fill`, listing `listed` since the start. */
function childFilled(listed: VenueFill[], fill: VenueFill): Scripted {
  return { listed, byChild: new Map([[CHILD, [fill]]]), open: openChild([fill]) };
}

/** A parent with one child of its whole quantity sent, journaled. */
function parentWithChild(
  orderId: string,
  quantity: string,
  journal: SqliteJournal,
  clock: VirtualClock,
): JournaledParent {
  const terms = { quantity, algo: 'peg', limitPrice: '101' };
  const parent = new JournaledParent(parentOrder(orderId, terms), journal, clock);
  parent.sendChild({
    quantity: decimal(quantity),
    limitPrice: decimal('101'),
    timeInForce: 'gtc',
  });
  return parent;
}

/** A live parent with one acknowledged child of 2 at the venue. */
function liveParent(journal: SqliteJournal, clock: VirtualClock): void {
  const parent = parentWithChild(LIVE, '2', journal, clock);
  parent.report({ orderId: LIVE, clOrdId: CHILD, execType: 'new', status: 'new', transactTime: 1 });
}

/** A fresh journal holding the live parent, committed. */
async function withLiveParent(): Promise<{ clock: VirtualClock; journal: SqliteJournal }> {
  const clock = new VirtualClock(5_000);
  const journal = SqliteJournal.open(':memory:', { clock });
  liveParent(journal, clock);
  await journal.committed();
  return { clock, journal };
}

/** One restart: the book as the journal rebuilds it, reconciled with the venue. */
async function restart(
  journal: SqliteJournal,
  clock: VirtualClock,
  venue: Venue,
): Promise<{ book: RecoveryBook; found: ReconcileResult }> {
  const book = rebuildFromJournal(journal);
  const found = await drive(clock, reconcile(book, venue, { journal, clock }));
  await journal.committed();
  return { book, found };
}

/** The kinds of the notices a reconciliation gave. */
function kinds(found: ReconcileResult): string[] {
  return found.notices.map((notice) => notice.kind);
}

/** The live child's figures in a book: its cumQty and the exec IDs it counted. */
function childOf(book: RecoveryBook): { cumQty: Decimal; execIds: string[] } {
  const { state } = book.order(LIVE)!;
  const fills = state.snapshot().fills.filter((fill) => fill.clOrdId === CHILD);
  return { cumQty: state.child(CHILD)!.cumQty, execIds: fills.map((fill) => fill.execId) };
}

/** Each book's live child counted x1 once, and stands at the venue's cumQty. */
function expectCountedOnce(books: readonly RecoveryBook[], cumQty: Decimal): void {
  for (const book of books) {
    expect(childOf(book).cumQty.toFixed()).toBe(cumQty.toFixed());
    expect(childOf(book).execIds).toEqual(['x1']);
  }
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
    const { clock, journal } = await withLiveParent();
    // The venue lists the execution under a client ID exo does not know (as a venue does under an
    // ID exo was not following), and lists it under the child when asked for the child's fills.
    const listedAs = venueFill(1, 'x1', `${LIVE}-7`, LIVE, '0.5', '100');
    const asChild = { ...listedAs, clOrdId: CHILD };
    const script = childFilled([listedAs], asChild);
    const venue = scriptedVenue(script);

    const first = await restart(journal, clock, venue);
    expect(childOf(first.book).cumQty.toFixed()).toBe(script.open!.cumQty.toFixed());
    expect(first.found.fillsRecovered).toBe(1);
    expect(kinds(first.found)).toEqual(['unmatched_fill']);

    const { book: second, found } = await restart(journal, clock, venue);
    expect(found.fillsRecovered).toBe(0);
    expect(kinds(found)).toEqual([]);
    const third = rebuildFromJournal(journal);
    expectCountedOnce([second, third], script.open!.cumQty);
    expect(bookedRows(journal, 'x1')).toBe(1);
    await journal.close();
  });

  it('does not keep its exec ID from a later fill of a live child that reuses it', async () => {
    const clock = new VirtualClock(5_000);
    const journal = SqliteJournal.open(':memory:', { clock });
    // A completed parent's child fills while exo is down: the restart finds it matching no live
    // child and journals it unmatched.
    parentWithChild(DONE, '1', journal, clock).complete('canceled');
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
    expect((await restart(journal, clock, venue)).found.fillsRecovered).toBe(1);

    const { book: second, found } = await restart(journal, clock, venue);
    expect(found.fillsRecovered).toBe(0);
    expectCountedOnce([second, rebuildFromJournal(journal)], script.open.cumQty);
    expect(bookedRows(journal, 'x1')).toBe(1);
    await journal.close();
  });

  it('is not taken for an applied fill by the live fills rebuilt from the journal', async () => {
    const { clock, journal } = await withLiveParent();
    const listedAs = venueFill(1, 'x1', `${LIVE}-7`, LIVE, '0.5', '100');
    const script: Scripted = { listed: [listedAs], byChild: new Map(), open: openChild([]) };
    await restart(journal, clock, scriptedVenue(script));

    const fills = new AppliedFills();
    rebuildIntakeIndexes(journal.readFrom(1), new IdempotencyIndex(), fills);
    expect(fills.termsOf(journalKeys.fill('paper', 'x1'))).toBeUndefined();
    expect(fills.applied(listedAs.clOrdId)).toBeUndefined();
    await journal.close();
  });

  it('journaled unmatched under its booked key by an older exo is booked once all the same', async () => {
    const clock = new VirtualClock(5_000);
    const journal = SqliteJournal.open(':memory:', { clock });
    liveParent(journal, clock);
    const fill = venueFill(1, 'x1', CHILD, LIVE, '0.5', '100');
    const { parentId, cursor, symbol, side, venueOrderId, qty, px, ...terms } = fill;
    await journal.append({
      orderId: LIVE,
      kind: 'fill',
      idempotencyKey: journalKeys.fill('paper', 'x1'),
      body: { ...terms, venue: 'paper', qty: qty.toFixed(), px: px.toFixed(), unmatched: true },
    });
    const script = childFilled([], fill);
    const venue = scriptedVenue(script);

    const first = await restart(journal, clock, venue);
    expect(first.found.fillsRecovered).toBe(1);
    const { book: second, found } = await restart(journal, clock, venue);
    expect(found.fillsRecovered).toBe(0);
    expectCountedOnce([first.book, second, rebuildFromJournal(journal)], script.open!.cumQty);
    expect(bookedRows(journal, 'x1')).toBe(1);
    await journal.close();
  });
});

describe('a fill reconciliation finds under an exec ID the journal holds for another fill', () => {
  it('is journaled apart, reported, and counts once across two restarts', async () => {
    const clock = new VirtualClock(5_000);
    const journal = SqliteJournal.open(':memory:', { clock });
    const done = parentWithChild(DONE, '1', journal, clock);
    done.report({
      orderId: DONE,
      clOrdId: `${DONE}-1`,
      execType: 'trade',
      status: 'filled',
      execId: 'x1',
      lastQty: decimal('1'),
      lastPx: decimal('100'),
      transactTime: 2,
    });
    done.complete('filled');
    liveParent(journal, clock);
    await journal.committed();
    // The venue numbers its exec IDs afresh: x1 again, for the live child, while exo is down.
    const reused = venueFill(1, 'x1', CHILD, LIVE, '0.5', '100.5');
    const script = childFilled([reused], reused);
    const venue = scriptedVenue(script);

    const first = await restart(journal, clock, venue);
    expect(first.found.fillsRecovered).toBe(1);
    expect(kinds(first.found)).toEqual(['reused_exec_id']);
    const { book: second, found } = await restart(journal, clock, venue);
    expect(found.fillsRecovered).toBe(0);
    expectCountedOnce([second, rebuildFromJournal(journal)], script.open!.cumQty);
    expect(bookedRows(journal, 'x1')).toBe(2);
    await journal.close();
  });
});
