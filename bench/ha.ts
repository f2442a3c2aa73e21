import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import hdr from 'hdr-histogram-js';
import pg from 'pg';
import type { Journal } from '../src/journal/journal.js';
import { COPY_ABOVE_ROWS } from '../src/journal/postgres/pg-append.js';
import { PostgresJournal } from '../src/journal/postgres/postgres-journal.js';
import { SqliteJournal } from '../src/journal/sqlite-journal.js';
import { type BenchResult, median } from './report.js';

/** Rows per group commit: the figure (unnest), and a batch large enough for COPY. */
const BATCH_SIZES = [128, 1_024] as const;
/** Rounds per journal, interleaved so a noisy neighbour hits both alike. */
const ROUNDS = 5;
const ROUND_MS = Number(process.env.EXO_BENCH_HA_ROUND_MS ?? 1_000);
/** The goal: fenced appends on PostgreSQL against SQLite FULL, same run. */
const GOAL_RATIO = 0.45;
const PG_URL = process.env.EXO_BENCH_PG_URL ?? 'postgres://root@127.0.0.1:5432/test';
const SCHEMA = `bench_ha_${process.pid}`;
/** About 200 bytes of body, as a fill row is. */
const BODY = { venue: 'paper', execId: '', qty: '0.015', px: '43125.50', pad: 'x'.repeat(120) };

/**
 * Fenced append on PostgreSQL (`synchronous_commit=on`) against SQLite with synchronous FULL, in
 * the same run, at 128 rows per group commit (the lease row locked `FOR SHARE` and the batch
 * inserted with `unnest` in one statement) and at 1,024 (above COPY_ABOVE_ROWS: COPY into a
 * staging table, then moved under the lease lock): rows per second, each commit's latency, and
 * the ratio to SQLite at the same batch size.
 */
export async function ha(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'exo-bench-ha-'));
  let sqlite = SqliteJournal.open(join(dir, 'journal.db'), { synchronous: 'full' });
  let postgres: PostgresJournal;
  try {
    postgres = await PostgresJournal.open(`${PG_URL}?schema=${SCHEMA}`);
  } catch (error) {
    await sqlite.close();
    rmSync(dir, { recursive: true, force: true });
    console.error(`ha: PostgreSQL unreachable at ${PG_URL}: ${String(error)}`);
    return [{ bench: 'ha-fenced-append', skipped: 'PostgreSQL unreachable' }];
  }
  try {
    const cases = BATCH_SIZES.map((size) => ({ size, sqlite: newCase(), postgres: newCase() }));
    let key = 0;
    for (let round = 0; round < ROUNDS; round++) {
      for (const c of cases) {
        await measure(sqlite, c.sqlite, c.size, () => ++key);
        await measure(postgres, c.postgres, c.size, () => ++key);
      }
    }
    // Also against SQLite at 128 rows per commit, the batch size the goal is set at.
    const sqlite128 = median(cases[0]!.sqlite.rates);
    const rows = cases.flatMap((c) => {
      const sqliteRate = median(c.sqlite.rates);
      const path = c.size > COPY_ABOVE_ROWS ? 'copy' : 'unnest';
      const postgres = result(`postgres-fenced-${c.size}`, c.size, c.postgres, sqliteRate);
      return [
        result(`sqlite-full-${c.size}`, c.size, c.sqlite, sqliteRate),
        { ...postgres, path, ratio_to_sqlite_full_128: Number(postgres.rows_per_s) / sqlite128 },
      ];
    });
    const ratio = median(cases[0]!.postgres.rates) / median(cases[0]!.sqlite.rates);
    // What the synchronous reads cost PostgreSQL: opening loads every retained row into memory,
    // where SQLite reads them from the file when recovery asks. Both timed to the last row read.
    await sqlite.close();
    await postgres.close();
    const sqliteOpen = await timedStart(async () => SqliteJournal.open(join(dir, 'journal.db')));
    const postgresOpen = await timedStart(() => PostgresJournal.open(`${PG_URL}?schema=${SCHEMA}`));
    sqlite = sqliteOpen.journal;
    postgres = postgresOpen.journal;
    return [
      ...rows,
      {
        bench: 'ha-start-read-all',
        sqlite_rows: sqliteOpen.rows,
        sqlite_ms: sqliteOpen.ms,
        postgres_rows: postgresOpen.rows,
        postgres_ms: postgresOpen.ms,
        postgres_rows_per_s: postgresOpen.rows / (postgresOpen.ms / 1000),
        sqlite_rows_per_s: sqliteOpen.rows / (sqliteOpen.ms / 1000),
      },
      {
        bench: 'ha-goals',
        postgres_fenced_ratio_to_sqlite_full: ratio,
        goal_ratio: GOAL_RATIO,
        goals_met: ratio >= GOAL_RATIO,
      },
    ];
  } finally {
    await sqlite.close();
    await postgres.close();
    rmSync(dir, { recursive: true, force: true });
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
    await client.end();
  }
}

/** One journal's figures at one batch size, with its ratio to SQLite's rate at that size. */
function result(name: string, size: number, c: Case, sqliteRate: number): BenchResult {
  const rate = median(c.rates);
  return {
    bench: `ha-append-${name}`,
    rows_per_commit: size,
    rows_per_s: rate,
    commit_p50_us: c.commitUs.getValueAtPercentile(50),
    commit_p99_us: c.commitUs.getValueAtPercentile(99),
    ratio_to_sqlite_full: rate / sqliteRate,
  };
}

interface Case {
  readonly rates: number[];
  readonly commitUs: hdr.Histogram;
}

function newCase(): Case {
  return {
    rates: [],
    commitUs: hdr.build({ lowestDiscernibleValue: 1, numberOfSignificantValueDigits: 3 }),
  };
}

/** Opens a journal and reads every row as the engine's start does; how long, and how many rows. */
async function timedStart<J extends Journal>(
  open: () => Promise<J>,
): Promise<{ journal: J; rows: number; ms: number }> {
  const started = performance.now();
  const journal = await open();
  let rows = 0;
  for (const _ of journal.readFrom(0)) rows++;
  return { journal, rows, ms: performance.now() - started };
}

/** Appends batches of `size` rows in one turn each, awaiting each commit, for ROUND_MS. */
async function measure(
  journal: Journal,
  into: Case,
  size: number,
  nextKey: () => number,
): Promise<void> {
  const started = performance.now();
  let rows = 0;
  while (performance.now() - started < ROUND_MS) {
    const batchStarted = performance.now();
    const appends: Promise<unknown>[] = [];
    for (let i = 0; i < size; i++) {
      const key = nextKey();
      appends.push(
        journal.append({
          orderId: `exo-${key % 97}`,
          kind: 'fill',
          idempotencyKey: `paper:${key}`,
          body: { ...BODY, execId: String(key) },
        }),
      );
    }
    await Promise.all(appends);
    into.commitUs.recordValue(Math.max(1, Math.round((performance.now() - batchStarted) * 1000)));
    rows += size;
  }
  into.rates.push(rows / ((performance.now() - started) / 1000));
}
