import { closeSync, fdatasyncSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import hdr from 'hdr-histogram-js';
import type { JournalEntry } from '../src/journal/journal-row.js';
import { type JournalSync, SqliteJournal } from '../src/journal/sqlite-journal.js';
import { type BenchResult, median } from './report.js';

const BATCH_SIZES = [1, 10, 100, 1000] as const;
const MODES = ['floor', 'full', 'normal'] as const;
/** Rounds per case, interleaved across modes so a noisy neighbour hits all of them alike. */
const ROUNDS = 3;
/** How long each case runs per round; a fixed time keeps slow fsyncs from stretching the run. */
const ROUND_MS = Number(process.env.EXO_BENCH_JOURNAL_ROUND_MS ?? 300);
const MIN_BATCHES = 10;
const OFFERED_PER_S = 20_000;
const LOOP_ROUND_MS = 1_500;
/** The goals, checked against the figures measured here. */
const GOALS = { full100ToFloor: 0.4, full100ToSingle: 15, loopDelayP99Ms: 5 };

type Mode = (typeof MODES)[number];

interface Case {
  readonly rates: number[];
  readonly commitUs: hdr.Histogram;
}

/**
 * Appends fill-like rows to a SQLite journal on a file under os.tmpdir() at 1, 10, 100 and 1000
 * rows per group commit, with synchronous FULL and NORMAL. The floor, in the same run, writes
 * the same bytes in the same batches with raw `fs.writeSync` + `fs.fdatasyncSync`. Then offers
 * 20k rows/s from a 1 ms timer and samples event-loop delay, since every commit blocks the loop;
 * its floor is the same timer with nothing to write.
 */
export async function journalAppend(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'exo-bench-journal-'));
  try {
    const results: BenchResult[] = [];
    const rates = new Map<string, number>();
    for (const size of BATCH_SIZES) {
      const cases = await measureSize(dir, size);
      const floorRate = median(cases.get('floor')!.rates);
      for (const mode of MODES) {
        const { rates: modeRates, commitUs } = cases.get(mode)!;
        rates.set(`${mode}-${size}`, median(modeRates));
        results.push({
          bench: `journal-append-${mode}-${size}`,
          events_per_commit: size,
          events_per_s: median(modeRates),
          commit_p50_us: commitUs.getValueAtPercentile(50),
          commit_p99_us: commitUs.getValueAtPercentile(99),
          ratio_to_floor: median(modeRates) / floorRate,
        });
      }
    }
    const loop = await measureLoopDelay(dir);
    results.push(loop);
    const full100 = rates.get('full-100')!;
    const ratioToFloor = full100 / rates.get('floor-100')!;
    const ratioToSingle = full100 / rates.get('full-1')!;
    const loopP99 = loop.loop_delay_p99_ms as number;
    results.push({
      bench: 'journal-append-goals',
      full_100_ratio_to_floor: ratioToFloor,
      full_100_ratio_to_full_1: ratioToSingle,
      loop_delay_p99_ms: loopP99,
      goal_ratio_to_floor: GOALS.full100ToFloor,
      goal_ratio_to_full_1: GOALS.full100ToSingle,
      goal_loop_delay_p99_ms: GOALS.loopDelayP99Ms,
      goals_met:
        ratioToFloor >= GOALS.full100ToFloor &&
        ratioToSingle >= GOALS.full100ToSingle &&
        loopP99 <= GOALS.loopDelayP99Ms,
    });
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function measureSize(dir: string, size: number): Promise<Map<Mode, Case>> {
  const cases = new Map<Mode, Case>(
    MODES.map((mode) => [mode, { rates: [], commitUs: histogram() }]),
  );
  for (let round = 0; round < ROUNDS; round++) {
    for (const mode of MODES) {
      const path = join(dir, `${mode}-${size}-${round}`);
      const measured = cases.get(mode)!;
      const rate =
        mode === 'floor'
          ? measureFloor(path, size, measured.commitUs)
          : await measureJournal(path, mode, size, measured.commitUs);
      measured.rates.push(rate);
    }
  }
  return cases;
}

let fillNumber = 0;

/** A fill as the engine will journal it: decimals as strings, keyed by venue + exec ID. */
function fill(): JournalEntry {
  const n = ++fillNumber;
  return {
    orderId: `order-${n % 1000}`,
    kind: 'fill',
    idempotencyKey: `paper:exec-${n}`,
    body: {
      venue: 'paper',
      execId: `exec-${n}`,
      clOrdId: `exo-order-${n % 1000}-${n % 7}`,
      qty: '0.015',
      px: '30125.50',
      time: 1_700_000_000_000 + n,
    },
  };
}

function histogram(): hdr.Histogram {
  return hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000 });
}

function recordSince(histogramUs: hdr.Histogram, began: number): void {
  histogramUs.recordValue(Math.max(1, Math.round((performance.now() - began) * 1000)));
}

/** Group commits of `size` rows, each batch appended in one turn and awaited; rows per second. */
async function measureJournal(
  path: string,
  mode: JournalSync,
  size: number,
  commitUs: hdr.Histogram,
): Promise<number> {
  const journal = SqliteJournal.open(path, { synchronous: mode });
  let events = 0;
  let batches = 0;
  const start = performance.now();
  while (batches < MIN_BATCHES || performance.now() - start < ROUND_MS) {
    const began = performance.now();
    for (let i = 0; i < size; i++) void journal.append(fill());
    await journal.committed();
    recordSince(commitUs, began);
    events += size;
    batches++;
  }
  const rate = events / ((performance.now() - start) / 1000);
  await journal.close();
  return rate;
}

/** The same bytes (a JSON line per row) in the same batches, written and fdatasync'd raw. */
function measureFloor(path: string, size: number, commitUs: hdr.Histogram): number {
  const bytes = Buffer.from(
    Array.from({ length: size }, () => `${JSON.stringify(fill())}\n`).join(''),
  );
  const fd = openSync(path, 'a');
  let events = 0;
  let batches = 0;
  const start = performance.now();
  try {
    while (batches < MIN_BATCHES || performance.now() - start < ROUND_MS) {
      const began = performance.now();
      writeSync(fd, bytes);
      fdatasyncSync(fd);
      recordSince(commitUs, began);
      events += size;
      batches++;
    }
  } finally {
    closeSync(fd);
  }
  return events / ((performance.now() - start) / 1000);
}

/**
 * Offers OFFERED_PER_S rows per second from a 1 ms timer (the journal groups whatever arrived
 * by the end of each turn) and samples the event loop's delay meanwhile, with FULL sync; the
 * floor runs the same timer appending nothing. Median of the rounds' p99s.
 */
async function measureLoopDelay(dir: string): Promise<BenchResult> {
  const floorP99: number[] = [];
  const p99: number[] = [];
  const p50: number[] = [];
  const achieved: number[] = [];
  const commitUs = histogram();
  let commits = 0;
  let events = 0;
  for (let round = 0; round < ROUNDS; round++) {
    floorP99.push((await offerLoad(undefined, commitUs)).delay.percentile(99) / 1e6);
    const journal = SqliteJournal.open(join(dir, `loop-${round}.db`), { synchronous: 'full' });
    void journal.append(fill());
    await journal.committed();
    const run = await offerLoad(journal, commitUs);
    await journal.close();
    p99.push(run.delay.percentile(99) / 1e6);
    p50.push(run.delay.percentile(50) / 1e6);
    achieved.push(run.sent / (LOOP_ROUND_MS / 1000));
    commits += run.commits;
    events += run.sent;
  }
  return {
    bench: 'journal-append-loop-delay',
    offered_events_per_s: OFFERED_PER_S,
    achieved_events_per_s: median(achieved),
    events_per_commit: events / Math.max(1, commits),
    commit_p99_us: commitUs.getValueAtPercentile(99),
    loop_delay_p50_ms: median(p50),
    loop_delay_p99_ms: median(p99),
    floor_loop_delay_p99_ms: median(floorP99),
  };
}

interface LoadRun {
  readonly delay: ReturnType<typeof monitorEventLoopDelay>;
  readonly sent: number;
  readonly commits: number;
}

async function offerLoad(
  journal: SqliteJournal | undefined,
  commitUs: hdr.Histogram,
): Promise<LoadRun> {
  const delay = monitorEventLoopDelay({ resolution: 1 });
  const total = (LOOP_ROUND_MS * OFFERED_PER_S) / 1000;
  let sent = 0;
  let commits = 0;
  const start = performance.now();
  delay.enable();
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const elapsed = performance.now() - start;
      const due = Math.min(Math.floor((elapsed * OFFERED_PER_S) / 1000), total);
      const began = performance.now();
      const before = sent;
      for (; sent < due; sent++) if (journal !== undefined) void journal.append(fill());
      if (journal !== undefined && sent > before) {
        void journal.committed().then(() => {
          commits++;
          recordSince(commitUs, began);
        });
      }
      if (elapsed >= LOOP_ROUND_MS) {
        clearInterval(timer);
        resolve();
      }
    }, 1);
  });
  await journal?.committed();
  delay.disable();
  return { delay, sent, commits };
}
