import type Database from 'better-sqlite3';
import { ENGINE_KINDS } from './journal-kind.js';
import { JOURNAL_SCHEMA_VERSION, openJournalDatabase } from './journal-schema.js';

/** What `exo journal check` found in a sound journal file. */
export interface JournalCheckReport {
  readonly path: string;
  readonly schemaVersion: number;
  /** Always `ok`: a file failing `PRAGMA integrity_check` is an error, not a report. */
  readonly integrity: 'ok';
  readonly rows: number;
  /** The oldest row kept (older ones were pruned); none in an empty journal. */
  readonly firstSequence: number | undefined;
  /** The highest sequence ever assigned, pruned rows included. */
  readonly lastSequence: number;
  /** Rows per kind. */
  readonly kinds: Readonly<Record<string, number>>;
  /** Distinct orders with rows (the engine's own rows, see ENGINE_KINDS, belong to no order). */
  readonly orders: number;
  /** Orders with rows but no `order_completed` row. */
  readonly liveOrders: number;
  readonly completeSnapshots: number;
  /** Snapshots cut short (by a crash); ignored by recovery, deleted by the next snapshot. */
  readonly incompleteSnapshots: number;
  /** The sequence the newest complete snapshot covers, when there is one. */
  readonly latestSnapshotCovers: number | undefined;
}

/**
 * Verifies a journal file without changing it: integrity, schema version, and counts of what it
 * holds; it opens the file read-only, so it works beside a running exo. Throws `JournalFileError`
 * (missing, not SQLite, corrupt, not a journal) or `JournalSchemaError` (newer schema), each
 * naming the file and the reason.
 */
export function checkJournal(path: string): JournalCheckReport {
  const db = openJournalDatabase(path, { create: false, exclusive: false });
  try {
    db.pragma('query_only = ON');
    return report(db, path);
  } finally {
    db.close();
  }
}

/** The rows that belong to an order: not the engine's own (a recovery, a change of limits or state). */
const ORDER_ROWS = `kind NOT IN (${ENGINE_KINDS.map((kind) => `'${kind}'`).join(', ')})`;

function report(db: Database.Database, path: string): JournalCheckReport {
  const number = (sql: string): number => db.prepare<[], number>(sql).pluck().get() ?? 0;
  const optional = (sql: string): number | undefined =>
    db.prepare<[], number | null>(sql).pluck().get() ?? undefined;
  const kinds: Record<string, number> = {};
  const perKind = db.prepare<[], { kind: string; rows: number }>(
    'SELECT kind, count(*) AS rows FROM journal GROUP BY kind ORDER BY kind',
  );
  for (const { kind, rows } of perKind.all()) kinds[kind] = rows;
  const completeSnapshots = number('SELECT count(*) FROM snapshots WHERE complete = 1');
  return {
    path,
    schemaVersion: JOURNAL_SCHEMA_VERSION,
    integrity: 'ok',
    rows: number('SELECT count(*) FROM journal'),
    firstSequence: optional('SELECT min(sequence) FROM journal'),
    lastSequence: number(`SELECT value FROM journal_meta WHERE key = 'last_sequence'`),
    kinds,
    orders: number(`SELECT count(DISTINCT order_id) FROM journal WHERE ${ORDER_ROWS}`),
    liveOrders: number(
      `SELECT count(DISTINCT order_id) FROM journal WHERE ${ORDER_ROWS} AND order_id NOT IN
         (SELECT order_id FROM journal WHERE kind = 'order_completed')`,
    ),
    completeSnapshots,
    incompleteSnapshots: number('SELECT count(*) FROM snapshots') - completeSnapshots,
    latestSnapshotCovers: optional(
      'SELECT covers_sequence FROM snapshots WHERE complete = 1 ORDER BY id DESC LIMIT 1',
    ),
  };
}
