import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { createAlgoFactory } from '../src/algos/algo-factory.js';
import { RealClock } from '../src/core/clock.js';
import { Dispatcher } from '../src/core/dispatcher.js';
import { createSimulatedEngine } from '../src/engine/simulated-engine.js';
import { ScriptedMarket } from '../src/feeds/sim/scripted-market.js';
import { journalKeys } from '../src/journal/journal-records.js';
import type { JournalEntry } from '../src/journal/journal-row.js';
import { SqliteJournal } from '../src/journal/sqlite-journal.js';
import { decimal } from '../src/market/decimal.js';
import { Quote } from '../src/market/quote.js';
import type { ParentOrder } from '../src/orders/parent-order.js';
import { rebuildFromJournal } from '../src/recovery/rebuild.js';
import { recover } from '../src/recovery/recover.js';
import { SnapshotWriter } from '../src/recovery/snapshot-writer.js';
import { PaperVenue } from '../src/venues/paper/paper-venue.js';
import type { BenchResult } from './report.js';

const LIVE_ORDERS = 10_000;
const ROWS = 1_000_000;
/** Rows per order: new, intent, ack, 8 × (trade report + fill), and a checkpoint or a completion. */
const ROWS_PER_ORDER = 20;
const FILLS_PER_ORDER = 8;
const SYMBOL = 'BTC-USD';
const GOALS = { replayPerS: 200_000, readyMs: 10_000 };
/** The generated journal, kept in os.tmpdir() across runs; each run works on a copy. */
const CACHED = join(tmpdir(), `exo-bench-recovery-${LIVE_ORDERS}-${ROWS}-v1.db`);

/**
 * Recovery of 10,000 live orders from a 1,000,000-row journal (the rest are completed orders):
 * the raw read + parse of every row (the floor), the full replay into live orders, then the time
 * to ready (replay, reconciliation against an in-process paper venue holding the 10,000 open
 * children, restore into a dispatcher), the same from a snapshot + tail, and exo's whole start
 * from opening the file to intake ready (the engine's one pass, then recovery), as a ratio to the
 * raw read + parse measured in the same run.
 */
export async function recovery(): Promise<BenchResult[]> {
  if (!existsSync(CACHED)) await generate(CACHED);
  const working = join(tmpdir(), `exo-bench-recovery-${process.pid}.db`);
  copyFileSync(CACHED, working);
  const clock = new RealClock();
  const journal = SqliteJournal.open(working, { clock, synchronous: 'normal' });
  const market = new ScriptedMarket();
  market.publishQuote(
    Quote.of({
      symbol: SYMBOL,
      bidPx: decimal('100'),
      bidQty: decimal('5'),
      askPx: decimal('101'),
      askQty: decimal('5'),
    }),
  );
  const venue = new PaperVenue({ market, clock, latencyMs: 0, retainFinished: 100 });
  try {
    await openChildrenAt(venue);

    let started = performance.now();
    let rows = 0;
    for (const _row of journal.readFrom(1)) rows++;
    const readMs = performance.now() - started;

    started = performance.now();
    const book = rebuildFromJournal(journal);
    const replayMs = performance.now() - started;

    const fullReady = await timeToReady(journal, venue, clock);

    started = performance.now();
    const snapshot = await new SnapshotWriter({ journal, clock, book }).snapshot();
    const snapshotMs = performance.now() - started;
    const fromSnapshot = await timeToReady(journal, venue, clock);
    const start = await wholeStart();

    const replayPerS = (rows / replayMs) * 1000;
    return [
      {
        bench: 'recovery',
        rows,
        live_orders: book.size,
        raw_read_parse_per_s: (rows / readMs) * 1000,
        replay_events_per_s: replayPerS,
        replay_ratio_to_raw: readMs / replayMs,
        ready_full_replay_ms: fullReady.ms,
        restored: fullReady.restored,
        children_adopted: fullReady.adopted,
        snapshot_write_ms: snapshotMs,
        snapshot_orders: snapshot.orders,
        ready_from_snapshot_ms: fromSnapshot.ms,
        start_to_ready_ms: start.ms,
        start_ratio_to_raw: start.ms / readMs,
        start_restored: start.restored,
        replay_goal_met: replayPerS >= GOALS.replayPerS,
        ready_goal_met: fullReady.ms < GOALS.readyMs,
      },
    ];
  } finally {
    await venue.close();
    await journal.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${working}${suffix}`, { force: true });
  }
}

/** Recovers into a fresh dispatcher; the time until every live order is restored. */
async function timeToReady(journal: SqliteJournal, venue: PaperVenue, clock: RealClock) {
  const factory = createAlgoFactory({ venue, listener: () => {} });
  const dispatcher = new Dispatcher<ParentOrder>({ factory, clock });
  venue.onReport((report) => dispatcher.report(report));
  const started = performance.now();
  const outcome = await recover({ journal, venue, dispatcher, clock });
  const ms = performance.now() - started;
  await dispatcher.stop();
  return { ms, restored: dispatcher.stats.ordersRestored, adopted: outcome.childrenAdopted };
}

/**
 * exo's whole start as `exo serve` runs it, on a fresh copy of the journal and a venue holding the
 * live children: from opening the file to intake ready (the engine's one pass over the journal,
 * reconciliation, restore). Untimed: resting the children at the venue, and stopping.
 */
async function wholeStart(): Promise<{ ms: number; restored: number }> {
  const path = join(tmpdir(), `exo-bench-recovery-start-${process.pid}.db`);
  copyFileSync(CACHED, path);
  const clock = new RealClock();
  const market = new ScriptedMarket();
  market.publishQuote(
    new Quote(SYMBOL, decimal('100'), decimal('5'), decimal('101'), decimal('5')),
  );
  const venue = new PaperVenue({ market, clock, latencyMs: 0, retainFinished: 100 });
  await openChildrenAt(venue);
  try {
    const started = performance.now();
    const engine = createSimulatedEngine({
      clock,
      symbols: [SYMBOL],
      seed: 1,
      tickRate: 1,
      latencyMs: 0,
      venue,
      marketData: market,
      journal: SqliteJournal.open(path, { clock, synchronous: 'normal' }),
    });
    await engine.start();
    await engine.recover();
    engine.ready();
    const ms = performance.now() - started;
    const restored = engine.dispatcher.stats.ordersRestored;
    await engine.stop();
    return { ms, restored };
  } finally {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
  }
}

/** Rests the live orders' children at the venue, in order, so their venue order IDs match. */
async function openChildrenAt(venue: PaperVenue): Promise<void> {
  for (let n = 0; n < LIVE_ORDERS; n++) {
    venue.submit({
      clOrdId: `${liveId(n)}-1`,
      parentId: liveId(n),
      symbol: SYMBOL,
      side: 'buy',
      quantity: decimal('1'),
      limitPrice: decimal('90'),
      timeInForce: 'gtc',
    });
  }
  while (venue.inFlight > 0) await nextTurn();
}

function liveId(n: number): string {
  return `exo-live-${n}`;
}

/** Writes the journal: completed orders first, then the live ones, 20 rows per order. */
async function generate(path: string): Promise<void> {
  const partial = `${path}.partial`;
  rmSync(partial, { force: true });
  const journal = SqliteJournal.open(partial, { synchronous: 'normal' });
  const completed = ROWS / ROWS_PER_ORDER - LIVE_ORDERS;
  let venueSeq = LIVE_ORDERS;
  let pending = 0;
  const append = async (entry: JournalEntry): Promise<void> => {
    void journal.append(entry);
    if (++pending >= 10_000) {
      pending = 0;
      await journal.committed();
    }
  };
  for (let n = 0; n < completed + LIVE_ORDERS; n++) {
    const live = n >= completed;
    const orderId = live ? liveId(n - completed) : `exo-done-${n}`;
    const venueOrderId = live ? `paper-o${n - completed + 1}` : `old-o${n}`;
    for (const entry of orderRows(orderId, venueOrderId, live, () => ++venueSeq)) {
      await append(entry);
    }
  }
  await journal.committed();
  await journal.close();
  renameSync(partial, path);
}

function* orderRows(
  orderId: string,
  venueOrderId: string,
  live: boolean,
  nextSeq: () => number,
): Generator<JournalEntry> {
  const clOrdId = `${orderId}-1`;
  yield {
    orderId,
    kind: 'instruction_accepted',
    idempotencyKey: journalKeys.instruction(orderId, 1),
    body: {
      msgType: 'new',
      orderId,
      side: 'buy',
      symbol: SYMBOL,
      quantity: '1',
      limitPrice: '90',
      algo: 'take',
      params: {},
    },
  };
  yield {
    orderId,
    kind: 'child_intent',
    idempotencyKey: journalKeys.intent(clOrdId),
    body: {
      clOrdId,
      parentId: orderId,
      venue: 'paper',
      symbol: SYMBOL,
      side: 'buy',
      quantity: '1',
      limitPrice: '90',
      timeInForce: 'gtc',
    },
  };
  yield {
    orderId,
    kind: 'venue_report',
    idempotencyKey: journalKeys.report('paper', clOrdId, 'ack'),
    body: {
      venue: 'paper',
      clOrdId,
      venueOrderId,
      execType: 'new',
      status: 'new',
      transactTime: 1,
      venueSeq: nextSeq(),
    },
  };
  for (let f = 1; f <= FILLS_PER_ORDER; f++) {
    const execId = `${orderId}-x${f}`;
    const venueSeq = nextSeq();
    yield {
      orderId,
      kind: 'venue_report',
      idempotencyKey: journalKeys.report('paper', clOrdId, execId),
      body: {
        venue: 'paper',
        clOrdId,
        venueOrderId,
        execId,
        execType: 'trade',
        status: 'partially_filled',
        transactTime: 1 + f,
        venueSeq,
      },
    };
    yield {
      orderId,
      kind: 'fill',
      idempotencyKey: journalKeys.fill('paper', execId),
      body: {
        venue: 'paper',
        clOrdId,
        execId,
        qty: '0.01',
        px: `89.9${f}`,
        time: 1 + f,
        venueSeq,
      },
    };
  }
  yield live
    ? {
        orderId,
        kind: 'checkpoint',
        idempotencyKey: journalKeys.checkpoint(orderId, 1),
        body: { state: { phase: 'working' } },
      }
    : {
        orderId,
        kind: 'order_completed',
        idempotencyKey: journalKeys.completed(orderId),
        body: { status: 'canceled' },
      };
}
