import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/clock.js';
import { AppliedFills } from '../../src/engine/applied-fills.js';
import { JournaledVenue } from '../../src/engine/journaled-venue.js';
import type { FillJournalRecord } from '../../src/journal/journal-records.js';
import type { JournalRow } from '../../src/journal/journal-row.js';
import { SqliteJournal } from '../../src/journal/sqlite-journal.js';
import { type Decimal, decimal } from '../../src/market/decimal.js';
import type { Report } from '../../src/market/report.js';
import type { RecoveryNotice } from '../../src/recovery/reconcile.js';
import type { ReportSink, Venue, VenueFill } from '../../src/venues/venue.js';
import { turns } from '../durable/helpers.js';

const PARENT = 'exo-p1';
const CHILD = `${PARENT}-1`;

/** A venue whose reports the test sends, and whose fill list the test sets (or that has none). */
interface ScriptedVenue extends Venue {
  send(report: Report, cursor?: string): void;
  /** What fillsOf answers; the number of times it was asked. */
  listed: VenueFill[];
  asked: number;
}

function scriptedVenue(options: { readonly listsFills: boolean }): ScriptedVenue {
  let sink: ReportSink = () => {};
  const venue: ScriptedVenue = {
    name: 'v',
    listed: [],
    asked: 0,
    send: (report, cursor) => sink(report, cursor),
    onReport: (next) => {
      sink = next;
    },
    submit: () => {},
    replace: () => {},
    cancel: () => {},
    openOrders: async () => [],
    orderStatus: async () => undefined,
    fillsSince: async () => ({ fills: [], cursor: '0' }),
    close: async () => {},
  };
  if (options.listsFills) {
    venue.fillsOf = async (clOrdId) => {
      venue.asked++;
      return venue.listed.filter((fill) => fill.clOrdId === clOrdId);
    };
  }
  return venue;
}

/** A journaled venue with one child sent, over a scripted venue; what it delivers and reports. */
async function world(options: { listsFills?: boolean; reconciled?: boolean } = {}) {
  const clock = new VirtualClock(1_000_000);
  const journal = SqliteJournal.open(':memory:', { clock });
  const venue = scriptedVenue({ listsFills: options.listsFills ?? true });
  const fills = new AppliedFills();
  const notices: RecoveryNotice[] = [];
  const duplicates: Report[] = [];
  let n = 0;
  const journaled = new JournaledVenue({
    venue,
    journal,
    clock,
    fills,
    nextNumber: () => ++n,
    onFillNotice: (notice) => notices.push(notice),
    onDuplicateFill: (report) => duplicates.push(report),
  });
  const delivered: Report[] = [];
  journaled.onReport((report) => delivered.push(report));
  if (options.reconciled ?? true) journaled.reconciled();
  for (const clOrdId of [CHILD, `${PARENT}-2`]) {
    journaled.submit({
      clOrdId,
      parentId: PARENT,
      symbol: 'SOL-USD',
      side: 'sell',
      quantity: decimal('0.5'),
      limitPrice: decimal('149.32'),
      timeInForce: 'gtc',
    });
  }
  await turns();
  const fillRows = (): FillJournalRecord[] =>
    [...journal.readFrom(0)]
      .filter((row: JournalRow) => row.kind === 'fill')
      .map((row) => row.body as unknown as FillJournalRecord);
  return { venue, journaled, journal, delivered, notices, duplicates, fillRows, clock };
}

function fill(execId: string, qty: string, px: string, clOrdId = CHILD): Report {
  return {
    orderId: PARENT,
    clOrdId,
    execId,
    execType: 'trade',
    status: 'partially_filled',
    lastQty: decimal(qty),
    lastPx: decimal(px),
    cumQty: decimal(qty),
    transactTime: 1_000_000,
  };
}

/** A refusal that carries the venue's figures for the child, as FIX and the paper venue send them. */
function refusal(cumQty: string, avgPx: string | undefined): Report {
  return {
    orderId: PARENT,
    clOrdId: CHILD,
    execType: 'replace_rejected',
    status: 'filled',
    cumQty: decimal(cumQty),
    ...(avgPx === undefined ? {} : { avgPx: decimal(avgPx) }),
    transactTime: 1_000_100,
    text: 'order is already filled',
  };
}

function venueFill(execId: string, qty: string, px: string): VenueFill {
  return {
    cursor: '42',
    execId,
    clOrdId: CHILD,
    parentId: PARENT,
    venueOrderId: 'o1',
    symbol: 'SOL-USD',
    side: 'sell',
    qty: decimal(qty),
    px: decimal(px),
    time: 999_000,
  };
}

/** What the delegate would have applied: the fills delivered, summed. */
function deliveredQty(delivered: readonly Report[]): Decimal {
  return delivered.reduce((sum, report) => sum.plus(report.lastQty ?? 0), decimal('0'));
}

describe('a report whose cumQty runs ahead of the fills exo applied', () => {
  it('books the fill the venue lists first, once, then delivers the report', async () => {
    const { venue, delivered, notices, fillRows } = await world();
    venue.listed = [venueFill('x9', '0.5', '149.32')];
    venue.send(refusal('0.5', '149.32'), '101');
    await turns();
    expect(delivered.map((report) => [report.execType, report.execId ?? null])).toEqual([
      ['trade', 'x9'],
      ['replace_rejected', null],
    ]);
    expect(deliveredQty(delivered).toFixed()).toBe('0.5');
    // Journaled once, without its cursor: it lies behind the last one and must not move it.
    expect(fillRows()).toEqual([expect.objectContaining({ execId: 'x9', qty: '0.5' })]);
    expect(fillRows()[0]!.cursor).toBeUndefined();
    expect(notices.map((notice) => notice.kind)).toEqual(['missed_fill']);

    // The same figures again find nothing missing: no second fill, no second question.
    venue.send(refusal('0.5', '149.32'), '102');
    await turns();
    expect(fillRows()).toHaveLength(1);
    expect(deliveredQty(delivered).toFixed()).toBe('0.5');
    expect(venue.asked).toBe(1);
  });

  it('books a synthetic fill, flagged, at the price the avgPx implies when the venue lists none', async () => {
    const { venue, delivered, notices, fillRows } = await world({ listsFills: false });
    venue.send(fill('x1', '0.2', '100'), '100');
    venue.send({ ...refusal('0.5', '106'), execType: 'cancel_rejected' }, '101');
    await turns();
    const synthetic = delivered.find((report) => report.synthetic === true);
    expect(synthetic).toMatchObject({ clOrdId: CHILD, execType: 'trade' });
    expect(synthetic!.lastQty!.toFixed()).toBe('0.3');
    expect(synthetic!.lastPx!.toFixed()).toBe('110');
    expect(delivered.at(-1)!.execType).toBe('cancel_rejected');
    expect(fillRows().map((row) => [row.execId, row.qty, row.synthetic ?? false])).toEqual([
      ['x1', '0.2', false],
      [`synthetic-${CHILD}-0.5`, '0.3', true],
    ]);
    expect(notices.map((notice) => notice.kind)).toEqual(['synthetic_fill']);

    // Found again: the same gap is booked once; the child never goes past the venue's cumQty.
    venue.send({ ...refusal('0.5', '106'), execType: 'cancel_rejected' }, '102');
    await turns();
    expect(fillRows()).toHaveLength(2);
    expect(deliveredQty(delivered).toFixed()).toBe('0.5');
  });

  it('holds the parent’s later reports until the missed fill is booked: nothing is reordered', async () => {
    const { venue, delivered } = await world();
    let answer: (fills: VenueFill[]) => void = () => {};
    venue.fillsOf = () => new Promise((resolve) => (answer = resolve));
    venue.send(refusal('0.5', '149.32'), '101');
    venue.send({ ...refusal('0.5', '149.32'), execType: 'cancel_rejected' }, '102');
    await turns();
    expect(delivered).toEqual([]);
    answer([venueFill('x9', '0.5', '149.32')]);
    await turns();
    expect(delivered.map((report) => report.execType)).toEqual([
      'trade',
      'replace_rejected',
      'cancel_rejected',
    ]);
  });

  it('before exo reconciled after a start: held unjournaled, then journaled and delivered in order', async () => {
    const { venue, journaled, delivered, fillRows, journal } = await world({ reconciled: false });
    venue.send(fill('x1', '0.2', '100'), '100');
    venue.send(refusal('0.5', '149.32'), '101');
    await turns();
    // Nothing is journaled or delivered before recovery has journaled what it found.
    expect(delivered).toEqual([]);
    expect(fillRows()).toEqual([]);
    expect([...journal.readFrom(0)].filter((row) => row.kind === 'venue_report')).toEqual([]);
    venue.listed = [venueFill('x1', '0.2', '100'), venueFill('x9', '0.3', '149.32')];
    journaled.reconciled();
    await turns();
    expect(delivered.map((report) => [report.execType, report.execId ?? null])).toEqual([
      ['trade', 'x1'],
      ['trade', 'x9'],
      ['replace_rejected', null],
    ]);
    expect(fillRows().map((row) => row.execId)).toEqual(['x1', 'x9']);
    expect(fillRows()[0]!.cursor).toBe('100');
  });
});

describe('an exec ID the venue reuses', () => {
  it('for the same fill is a duplicate, dropped and counted', async () => {
    const { venue, delivered, duplicates, fillRows } = await world();
    venue.send(fill('x1', '0.2', '100'), '100');
    venue.send(fill('x1', '0.2', '100'), '100');
    await turns();
    expect(fillRows()).toHaveLength(1);
    expect(duplicates).toHaveLength(1);
    expect(deliveredQty(delivered).toFixed()).toBe('0.2');
  });

  it('for other terms keeps both fills, apart, and reports it', async () => {
    const { venue, delivered, notices, fillRows, duplicates } = await world();
    venue.send(fill('x1', '0.2', '100'), '100');
    venue.send(fill('x1', '0.1', '101', `${PARENT}-2`), '101');
    await turns();
    expect(fillRows().map((row) => [row.clOrdId, row.qty, row.reusedExecId ?? false])).toEqual([
      [CHILD, '0.2', false],
      [`${PARENT}-2`, '0.1', true],
    ]);
    expect(notices.map((notice) => notice.kind)).toEqual(['reused_exec_id']);
    expect(deliveredQty(delivered).toFixed()).toBe('0.3');
    // Sent again, the second fill is known under its own key.
    venue.send(fill('x1', '0.1', '101', `${PARENT}-2`), '101');
    await turns();
    expect(fillRows()).toHaveLength(2);
    expect(duplicates).toHaveLength(1);
  });

  it('found only in the journal (a parent completed in an earlier run) keeps the new fill too', async () => {
    const { venue, journal, delivered, notices, fillRows } = await world();
    await journal.append({
      orderId: 'exo-old-1',
      kind: 'fill',
      idempotencyKey: 'fill:v:x1',
      body: { venue: 'v', clOrdId: 'exo-old-1-1', execId: 'x1', qty: '1', px: '90', time: 1 },
    });
    venue.send(fill('x1', '0.2', '100'), '100');
    await turns();
    expect(fillRows().map((row) => [row.clOrdId, row.reusedExecId ?? false])).toEqual([
      ['exo-old-1-1', false],
      [CHILD, true],
    ]);
    expect(notices.map((notice) => notice.kind)).toEqual(['reused_exec_id']);
    expect(deliveredQty(delivered).toFixed()).toBe('0.2');
  });

  it('held by the same fill journaled unmatched (by exo before such rows had keys of their own) journals it once, booked', async () => {
    const { venue, journal, delivered, notices, duplicates, fillRows } = await world();
    await journal.append({
      orderId: PARENT,
      kind: 'fill',
      idempotencyKey: 'fill:v:x1',
      body: {
        venue: 'v',
        clOrdId: CHILD,
        execId: 'x1',
        qty: '0.2',
        px: '100',
        time: 1,
        unmatched: true,
      },
    });
    venue.send(fill('x1', '0.2', '100'), '100');
    await turns();
    const booked = (): FillJournalRecord[] => fillRows().filter((row) => row.unmatched !== true);
    expect(booked().map((row) => [row.clOrdId, row.qty, row.reusedExecId ?? false])).toEqual([
      [CHILD, '0.2', false],
    ]);
    expect(notices).toEqual([]);
    expect(deliveredQty(delivered).toFixed()).toBe('0.2');
    // Sent again, it is known as the fill it is.
    venue.send(fill('x1', '0.2', '100'), '100');
    await turns();
    expect(booked()).toHaveLength(1);
    expect(duplicates).toHaveLength(1);
  });
});

describe('child requests', () => {
  it('journals a second cancel of one child, sent after the venue refused the first', async () => {
    const { journaled, journal } = await world();
    journaled.cancel(CHILD);
    await turns();
    journaled.cancel(CHILD);
    await turns();
    const cancels = [...journal.readFrom(0)].filter((row) => row.kind === 'child_cancel');
    expect(cancels.map((row) => (row.body as { clOrdId: string }).clOrdId)).toEqual([CHILD, CHILD]);
  });
});
