import type Database from 'better-sqlite3';
import type { JournalKind } from './journal-kind.js';
import type { AppendResult } from './journal-row.js';

/** A row ready to insert, its sequence already assigned and its body already serialized. */
export interface PendingRow {
  readonly sequence: number;
  readonly time: number;
  readonly orderId: string;
  readonly kind: JournalKind;
  readonly idempotencyKey: string;
  /** The body as serialized. */
  readonly body: string;
  /** The body as appended: what commit followers are handed when it is plain JSON already. */
  readonly value: unknown;
}

/** Rows per multi-row INSERT: one statement per 32 rows costs ~15% less than one per row. */
const ROWS_PER_STATEMENT = 32;
const COLUMNS = '(sequence, time, order_id, kind, idempotency_key, body)';

/**
 * Inserts a group commit's rows, inside the caller's transaction. A row whose idempotency key is
 * already journaled is skipped (`ON CONFLICT DO NOTHING`) and reported as a duplicate of the row
 * holding the key; rows go in several at a time, and only a statement that skipped some has its
 * rows looked up one by one. Records the highest sequence, so none is reused after pruning.
 */
export class RowWriter {
  readonly #insertMany: Database.Statement<unknown[]>;
  readonly #insertOne: Database.Statement<unknown[]>;
  readonly #keyHolder: Database.Statement<[string], number>;
  readonly #storeLast: Database.Statement<[number]>;

  constructor(db: Database.Database) {
    this.#insertMany = db.prepare(insert(ROWS_PER_STATEMENT));
    this.#insertOne = db.prepare(insert(1));
    this.#keyHolder = db
      .prepare<[string], number>('SELECT sequence FROM journal WHERE idempotency_key = ?')
      .pluck();
    this.#storeLast = db.prepare(`UPDATE journal_meta SET value = ? WHERE key = 'last_sequence'`);
  }

  /** Inserts `rows` (in sequence order, at least one) and says what became of each. */
  write(rows: readonly PendingRow[]): AppendResult[] {
    const results: AppendResult[] = [];
    let start = 0;
    for (; start + ROWS_PER_STATEMENT <= rows.length; start += ROWS_PER_STATEMENT) {
      this.#insert(this.#insertMany, rows.slice(start, start + ROWS_PER_STATEMENT), results);
    }
    for (; start < rows.length; start++) this.#insert(this.#insertOne, [rows[start]!], results);
    this.#storeLast.run(rows[rows.length - 1]!.sequence);
    return results;
  }

  #insert(
    statement: Database.Statement<unknown[]>,
    rows: readonly PendingRow[],
    results: AppendResult[],
  ): void {
    const values: unknown[] = [];
    for (const row of rows) {
      values.push(row.sequence, row.time, row.orderId, row.kind, row.idempotencyKey, row.body);
    }
    const written = statement.run(...values).changes;
    for (const row of rows) {
      if (written === rows.length) {
        results.push({ sequence: row.sequence, duplicate: false });
      } else {
        const holder = this.#keyHolder.get(row.idempotencyKey)!;
        results.push({ sequence: holder, duplicate: holder !== row.sequence });
      }
    }
  }
}

function insert(rows: number): string {
  const tuples = Array.from({ length: rows }, () => '(?, ?, ?, ?, ?, ?)').join(', ');
  return `INSERT INTO journal ${COLUMNS} VALUES ${tuples} ON CONFLICT (idempotency_key) DO NOTHING`;
}
