import type Database from 'better-sqlite3';
import { JournalFileError } from './journal-errors.js';
import { isJournalKind } from './journal-kind.js';
import type { JournalRow } from './journal-row.js';
import { parseBody } from './json-body.js';

/** Rows fetched per query: no cursor stays open while the reader's caller appends. */
const PAGE_SIZE = 1_000;

/** A journal row as a table stores it: the body still JSON text. */
export interface StoredRow {
  readonly sequence: number;
  readonly time: number;
  readonly order_id: string;
  readonly kind: string;
  readonly idempotency_key: string;
  readonly body: string;
}

/**
 * Reads committed rows in sequence order, a page per query, so a caller may append (and the
 * turn's commit may run) between two rows it reads. A row of a kind this code does not know is a
 * `JournalFileError` naming the file and the row.
 */
export class JournalReader {
  readonly #path: string;
  readonly #page: Database.Statement<[number, number], StoredRow>;

  constructor(db: Database.Database, path: string) {
    this.#path = path;
    this.#page = db.prepare(
      `SELECT sequence, time, order_id, kind, idempotency_key, body FROM journal
       WHERE sequence >= ? ORDER BY sequence LIMIT ?`,
    );
  }

  /** The rows from `sequence` on (inclusive), oldest first. */
  *from(sequence: number): Generator<JournalRow, void, undefined> {
    let next = sequence;
    for (;;) {
      const page = this.#page.all(next, PAGE_SIZE);
      for (const stored of page) yield decodeStoredRow(this.#path, stored);
      if (page.length < PAGE_SIZE) return;
      next = page[page.length - 1]!.sequence + 1;
    }
  }
}

/**
 * A stored row as read back, its body parsed; a kind this code does not know is a
 * `JournalFileError` naming the journal (`path`) and the row.
 */
export function decodeStoredRow(path: string, stored: StoredRow): JournalRow {
  if (!isJournalKind(stored.kind)) {
    throw new JournalFileError(
      path,
      `row ${stored.sequence} has unknown kind ${JSON.stringify(stored.kind)}`,
    );
  }
  return {
    sequence: stored.sequence,
    time: stored.time,
    orderId: stored.order_id,
    kind: stored.kind,
    idempotencyKey: stored.idempotency_key,
    body: parseBody(stored.body),
  };
}
