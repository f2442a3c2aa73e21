import type { Clock } from '../core/clock.js';
import { JournalEntryError } from './journal-errors.js';
import { isJournalKind } from './journal-kind.js';
import type { AppendResult, JournalEntry, JournalRow } from './journal-row.js';
import { bodyReadBack, stringifyBody } from './json-body.js';
import type { PendingRow } from './row-writer.js';

/**
 * Checks an entry and makes it the row to insert at `sequence`, its body serialized and its time
 * the entry's or `clock`'s now. Throws JournalEntryError naming the bad field.
 */
export function pendingRow(entry: JournalEntry, sequence: number, clock: Clock): PendingRow {
  if (typeof entry.orderId !== 'string' || entry.orderId === '') {
    throw new JournalEntryError('orderId', 'expected a non-empty string');
  }
  if (!isJournalKind(entry.kind)) {
    throw new JournalEntryError('kind', `unknown journal kind ${JSON.stringify(entry.kind)}`);
  }
  if (typeof entry.idempotencyKey !== 'string' || entry.idempotencyKey === '') {
    throw new JournalEntryError('idempotencyKey', 'expected a non-empty string');
  }
  if (entry.time !== undefined && !(Number.isSafeInteger(entry.time) && entry.time >= 0)) {
    throw new JournalEntryError('time', `expected milliseconds since the epoch, got ${entry.time}`);
  }
  const body = stringifyBody(entry.body, 'body');
  return {
    sequence,
    time: entry.time ?? clock.now(),
    orderId: entry.orderId,
    kind: entry.kind,
    idempotencyKey: entry.idempotencyKey,
    body,
    value: entry.body,
  };
}

/**
 * The rows a commit wrote (not the duplicates it skipped), as `readFrom` reads them back: a body
 * that was appended as plain JSON is handed on as it was (see bodyReadBack), not re-parsed.
 */
export function committedRows(
  rows: readonly PendingRow[],
  results: readonly AppendResult[],
): JournalRow[] {
  const written: JournalRow[] = [];
  rows.forEach((row, index) => {
    if (results[index]!.duplicate) return;
    written.push({
      sequence: row.sequence,
      time: row.time,
      orderId: row.orderId,
      kind: row.kind,
      idempotencyKey: row.idempotencyKey,
      body: bodyReadBack(row.value, row.body),
    });
  });
  return written;
}

/** Throws JournalEntryError unless `chunkSize` is a positive integer. */
export function checkedChunkSize(chunkSize: number): void {
  if (!(Number.isSafeInteger(chunkSize) && chunkSize > 0)) {
    throw new JournalEntryError('chunkSize', `expected a positive integer, got ${chunkSize}`);
  }
}

/** Throws JournalEntryError unless `retentionMs` is 0 or more. */
export function checkedRetention(retentionMs: number): void {
  if (!(retentionMs >= 0)) {
    throw new JournalEntryError('retentionMs', `expected 0 or more, got ${retentionMs}`);
  }
}

/** Calls an optional listener, ignoring a throw: a listener's bug must not undo a commit. */
export function notify<T>(listener: ((value: T) => void) | undefined, value: T): void {
  try {
    listener?.(value);
  } catch {
    // The commit already happened (or already failed); there is no one else to tell.
  }
}
