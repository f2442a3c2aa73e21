import type { JournalUnavailableError } from './journal-errors.js';
import type { AppendResult, JournalEntry, JournalRow } from './journal-row.js';
import type { JournalSnapshot, SnapshotInfo, SnapshotOrder } from './journal-snapshot.js';
import type { PruneResult } from './retention.js';

/** How many orders a snapshot writes per transaction. */
export interface SnapshotOptions {
  readonly chunkSize?: number;
}

/** How long completed orders' rows are kept, and how many rows a pruning transaction deletes. */
export interface PruneOptions {
  readonly retentionMs?: number;
  readonly chunkSize?: number;
}

/**
 * The write-ahead log of everything exo must not lose: instructions, child intents, venue
 * reports, fills, checkpoints. Rows appended in one event-loop turn commit together at its end;
 * nothing that depends on a row (an HTTP 2xx, an SSE event, a venue request) may leave before
 * `append` or `committed` says the row is durable. Recovery reads `latestSnapshot` and then the
 * rows after the sequence it covers.
 */
export interface Journal {
  /** Where the journal lives: a file path, `:memory:`, or a `postgres://` URL (password masked). */
  readonly path: string;
  /** Why the journal stopped writing, once it has; appends reject from then on. */
  readonly unavailable: JournalUnavailableError | undefined;
  /**
   * Appends a row to this turn's commit. Resolves once it committed, with its sequence, or as a
   * duplicate when its idempotency key was already journaled (a no-op). Rejects with
   * `JournalEntryError` for a bad entry and `JournalUnavailableError` when the journal cannot
   * write. The promise may be ignored: a rejection nobody awaits does not crash the process.
   */
  append(entry: JournalEntry): Promise<AppendResult>;
  /**
   * Resolves once every row appended so far has committed: the output-commit gate to await
   * before a reply, an event or a venue request leaves. Rejects when that commit failed.
   */
  committed(): Promise<void>;
  /** The committed rows from `sequence` on (inclusive), oldest first, read a page at a time. */
  readFrom(sequence: number): Iterable<JournalRow>;
  /**
   * Tells `listener` the rows of every later commit as it happens (duplicates left out, oldest
   * first, bodies as `readFrom` reads them back), so a follower of the journal need not read back
   * what was just written. A listener that throws is ignored. Returns the way to stop following.
   */
  follow(listener: (rows: readonly JournalRow[]) => void): () => void;
  /**
   * Snapshots the live orders as they are now, covering every row appended so far, and writes
   * it in chunks behind the turn's commit; resolves once it is complete.
   */
  writeSnapshot(orders: readonly SnapshotOrder[], options?: SnapshotOptions): Promise<SnapshotInfo>;
  /** The newest complete snapshot, if any was ever written. */
  latestSnapshot(): JournalSnapshot | undefined;
  /** Deletes, in chunks, the rows of orders completed longer ago than the retention. */
  prune(options?: PruneOptions): Promise<PruneResult>;
  /** Commits what is pending and closes the file; later appends reject. */
  close(): Promise<void>;
}
