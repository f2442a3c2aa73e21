import { performance } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type Database from 'better-sqlite3';
import { type Clock, RealClock } from '../core/clock.js';
import { BackgroundWrites, type PruneRequest } from './background-writes.js';
import type { ChunkedWriter } from './chunked-writer.js';
import { GroupCommit } from './group-commit.js';
import { rejected } from './handled.js';
import type { Journal, PruneOptions, SnapshotOptions } from './journal.js';
import { JournalFileError, JournalUnavailableError } from './journal-errors.js';
import { JournalReader } from './journal-reader.js';
import type { AppendResult, JournalEntry, JournalRow } from './journal-row.js';
import { IN_MEMORY, openJournalDatabase } from './journal-schema.js';
import {
  type JournalSnapshot,
  type SnapshotInfo,
  type SnapshotOrder,
  type SnapshotPoint,
  SnapshotTables,
} from './journal-snapshot.js';
import { committedRows, notify, pendingRow } from './pending-row.js';
import { type PruneResult, RetentionPruner } from './retention.js';
import { type PendingRow, RowWriter } from './row-writer.js';

/**
 * How hard each commit pushes to the disk. `full` (the default) fsyncs the write-ahead log on
 * every commit: an acknowledged row survives a power loss. `normal` leaves fsync to checkpoints:
 * an acknowledged row survives the process crashing (kill -9), not the machine losing power.
 */
export type JournalSync = 'full' | 'normal';

/** One group commit, as told to `onCommit`: for metrics, and for tests to count transactions. */
export interface JournalCommit {
  /** Rows written (duplicates excluded). */
  readonly rows: number;
  /** Appends dropped because their idempotency key was already journaled. */
  readonly duplicates: number;
  /** The highest sequence assigned in the batch. */
  readonly lastSequence: number;
  /** How long the transaction took, fsync included. */
  readonly durationMs: number;
}

/** How a SQLite journal writes and whom it tells. */
export interface SqliteJournalOptions {
  readonly synchronous?: JournalSync;
  /** Where row and snapshot times come from; the wall clock by default. */
  readonly clock?: Clock;
  /** Caps the file's size: a commit that would grow it past this fails as if the disk were full. */
  readonly maxBytes?: number;
  /** Told after each group commit; a listener that throws is ignored. */
  readonly onCommit?: (commit: JournalCommit) => void;
  /** Told once, when a write fails and the journal stops; a listener that throws is ignored. */
  readonly onUnavailable?: (error: JournalUnavailableError) => void;
}

const CLOSED = 'journal closed';

/**
 * The journal in one SQLite file (better-sqlite3, WAL), written by this process alone (a second
 * writer is refused; readers such as `exo journal check` may read beside it).
 * Sequences are assigned at append, in call order, and the highest one is stored with each
 * commit, so a sequence is never reused even after its row is pruned. All writes run on the
 * main thread: a commit blocks the loop for one fsync, shared by every row of the turn.
 */
export class SqliteJournal implements Journal {
  readonly path: string;
  readonly #db: Database.Database;
  readonly #clock: Clock;
  readonly #options: SqliteJournalOptions;
  readonly #commits: GroupCommit<PendingRow, AppendResult>;
  readonly #writeBatch: (rows: readonly PendingRow[]) => AppendResult[];
  readonly #reader: JournalReader;
  readonly #snapshots: SnapshotTables;
  readonly #pruner: RetentionPruner;
  readonly #writer: ChunkedWriter;
  readonly #followers = new Set<(rows: readonly JournalRow[]) => void>();
  readonly #background: BackgroundWrites;
  #lastSequence: number;
  #unavailable: JournalUnavailableError | undefined;
  #closed = false;

  /**
   * Opens (creating if missing) the journal at `path`, or an in-memory one for `:memory:`.
   * Throws `JournalFileError` for a file that is not a sound exo journal, `JournalSchemaError`
   * for one written by a newer exo.
   */
  static open(path: string, options: SqliteJournalOptions = {}): SqliteJournal {
    const db = openJournalDatabase(path, { create: true, exclusive: true });
    try {
      return new SqliteJournal(db, path, options);
    } catch (error) {
      db.close();
      throw new JournalFileError(path, error instanceof Error ? error.message : String(error));
    }
  }

  /**
   * A journal held in memory and lost when it closes (the same as opening `:memory:`): for tests
   * and engines whose orders need not outlive the process, which still journal as on disk.
   */
  static inMemory(options: SqliteJournalOptions = {}): SqliteJournal {
    return SqliteJournal.open(IN_MEMORY, options);
  }

  private constructor(db: Database.Database, path: string, options: SqliteJournalOptions) {
    this.path = path;
    this.#db = db;
    this.#options = options;
    this.#clock = options.clock ?? new RealClock();
    this.#background = new BackgroundWrites(this.#clock);
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${options.synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
    if (options.maxBytes !== undefined) {
      const pageSize = db.pragma('page_size', { simple: true }) as number;
      db.pragma(`max_page_count = ${Math.max(1, Math.floor(options.maxBytes / pageSize))}`);
    }
    this.#lastSequence = db
      .prepare<[], number>(`SELECT value FROM journal_meta WHERE key = 'last_sequence'`)
      .pluck()
      .get()!;
    const rowWriter = new RowWriter(db);
    this.#writeBatch = db.transaction((rows: readonly PendingRow[]) => rowWriter.write(rows));
    this.#commits = new GroupCommit({
      commit: (rows) => this.#commitBatch(rows),
      toFailure: (cause) => JournalUnavailableError.from(cause),
      onFailure: (failure) => this.#becomeUnavailable(failure as JournalUnavailableError),
    });
    this.#reader = new JournalReader(db, path);
    this.#snapshots = new SnapshotTables(db);
    this.#pruner = new RetentionPruner(db);
    this.#writer = {
      transaction: (write) => this.#backgroundTransaction(write),
      yieldTurn: async () => {
        await nextTurn();
        this.#refuseIfStopped();
      },
    };
  }

  get unavailable(): JournalUnavailableError | undefined {
    return this.#unavailable;
  }

  append(entry: JournalEntry): Promise<AppendResult> {
    if (this.#closed) return rejected(new JournalUnavailableError(CLOSED));
    let row: PendingRow;
    try {
      row = pendingRow(entry, this.#lastSequence + 1, this.#clock);
    } catch (error) {
      return rejected(error);
    }
    this.#lastSequence = row.sequence;
    return this.#commits.submit(row);
  }

  committed(): Promise<void> {
    if (this.#closed) return rejected(new JournalUnavailableError(CLOSED));
    return this.#commits.settled();
  }

  readFrom(sequence: number): Iterable<JournalRow> {
    return this.#reader.from(sequence);
  }

  follow(listener: (rows: readonly JournalRow[]) => void): () => void {
    this.#followers.add(listener);
    return () => this.#followers.delete(listener);
  }

  writeSnapshot(
    orders: readonly SnapshotOrder[],
    options: SnapshotOptions = {},
  ): Promise<SnapshotInfo> {
    if (this.#closed) return rejected(new JournalUnavailableError(CLOSED));
    let point: SnapshotPoint;
    try {
      point = this.#background.snapshotPoint(this.#lastSequence, options);
    } catch (error) {
      return rejected(error);
    }
    const captured = [...orders];
    return this.#background.snapshot(point, async () => {
      await this.committed();
      return this.#snapshots.write(this.#writer, point, captured);
    });
  }

  latestSnapshot(): JournalSnapshot | undefined {
    return this.#snapshots.latest();
  }

  prune(options: PruneOptions = {}): Promise<PruneResult> {
    if (this.#closed) return rejected(new JournalUnavailableError(CLOSED));
    let request: PruneRequest;
    try {
      request = this.#background.pruneRequest(options);
    } catch (error) {
      return rejected(error);
    }
    return this.#background.run(() => {
      const maxSequence = this.#background.pruneBound(this.#snapshots.latestCovers());
      return this.#pruner.prune(
        this.#writer,
        { cutoff: request.cutoff, maxSequence },
        request.chunkSize,
      );
    });
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#commits.flush();
    this.#closed = true;
    this.#db.close();
  }

  #commitBatch(rows: readonly PendingRow[]): readonly AppendResult[] {
    const started = performance.now();
    const results = this.#writeBatch(rows);
    const duplicates = results.filter((result) => result.duplicate).length;
    const commit: JournalCommit = {
      rows: rows.length - duplicates,
      duplicates,
      lastSequence: rows[rows.length - 1]!.sequence,
      durationMs: performance.now() - started,
    };
    notify(this.#options.onCommit, commit);
    if (this.#followers.size > 0 && commit.rows > 0) {
      const written = committedRows(rows, results);
      for (const follower of this.#followers) notify(follower, written);
    }
    return results;
  }

  #backgroundTransaction<T>(write: () => T): T {
    this.#refuseIfStopped();
    try {
      return this.#db.transaction(write)();
    } catch (cause) {
      const failure = JournalUnavailableError.from(cause);
      this.#commits.fail(failure);
      throw this.#unavailable ?? failure;
    }
  }

  #refuseIfStopped(): void {
    if (this.#closed) throw new JournalUnavailableError(CLOSED);
    if (this.#unavailable !== undefined) throw this.#unavailable;
  }

  #becomeUnavailable(failure: JournalUnavailableError): void {
    this.#unavailable = failure;
    notify(this.#options.onUnavailable, failure);
  }
}
