import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import { type Clock, RealClock } from '../../core/clock.js';
import { BackgroundWrites, type PruneRequest } from '../background-writes.js';
import { GroupCommit } from '../group-commit.js';
import { rejected } from '../handled.js';
import type { Journal, PruneOptions, SnapshotOptions } from '../journal.js';
import {
  JournalEntryError,
  JournalFencedError,
  JournalUnavailableError,
} from '../journal-errors.js';
import type { AppendResult, JournalEntry, JournalRow } from '../journal-row.js';
import type {
  JournalSnapshot,
  SnapshotInfo,
  SnapshotOrder,
  SnapshotPoint,
} from '../journal-snapshot.js';
import { committedRows, notify, pendingRow } from '../pending-row.js';
import type { PruneResult } from '../retention.js';
import type { PendingRow } from '../row-writer.js';
import type { JournalCommit } from '../sqlite-journal.js';
import type { LeaseHolder } from './lease-take.js';
import { type Fence, PgAppender } from './pg-append.js';
import { DEFAULT_LEASE_TTL_MS, PgLease } from './pg-lease.js';
import { loadShard } from './pg-load.js';
import { prunePg } from './pg-prune.js';
import { prepareSchema } from './pg-schema.js';
import { writePgSnapshot } from './pg-snapshots.js';
import { connect, pgClient, pgTarget } from './pg-target.js';
import { RowMirror } from './row-mirror.js';

/** How a PostgreSQL journal leases its shard, writes, and whom it tells. */
export interface PostgresJournalOptions {
  /**
   * The shard this journal holds and how many the schema has (fixed when it is made); shard 0 of
   * 1, every symbol, by default.
   */
  readonly shard?: { readonly index: number; readonly count: number };
  /** Where row and snapshot times come from; the wall clock by default. */
  readonly clock?: Clock;
  /** Lease time to live (the URL's `lease_ms`, else 5 s). */
  readonly leaseTtlMs?: number;
  /** How long to wait at open for another owner's lease to expire (0 by default: refuse). */
  readonly leaseWaitMs?: number;
  /** Told at each look, while waiting for another owner's lease, who holds it and how long. */
  readonly onLeaseHeld?: (holder: LeaseHolder) => void;
  /** Ends a wait for another owner's lease early: open rejects with an AbortError. */
  readonly leaseSignal?: AbortSignal;
  /** Schedules lease renewals and the local deadline (a monotonic clock by default). */
  readonly leaseTimers?: Clock;
  /** Told after each group commit; a listener that throws is ignored. */
  readonly onCommit?: (commit: JournalCommit) => void;
  /** Told once, when a write fails or the lease is lost; a listener that throws is ignored. */
  readonly onUnavailable?: (error: JournalUnavailableError) => void;
}

/** The lease figures `/metrics` shows for a PostgreSQL journal. */
export interface LeaseStatus {
  readonly shard: number;
  readonly epoch: number;
  /** Milliseconds before the local deadline (negative once past it). */
  readonly headroomMs: number;
  /** Appends refused because the lease was lost (by the server's fence or the local deadline). */
  readonly fencedAppends: number;
}

/**
 * A journal's connections: appends in order on one, lease renewals on their own (never queued
 * behind a commit), snapshots and pruning on a third (their transactions must not take in appends).
 */
interface JournalClients {
  readonly writer: pg.Client;
  readonly lease: pg.Client;
  readonly background: pg.Client;
}

const CLOSED = 'journal closed';

/**
 * The journal in PostgreSQL, under a fenced lease on its shard (see PgLease): every append
 * checks the lease's epoch in the same statement, so once another owner has taken the shard
 * nothing more is written; the journal then becomes unavailable at once, which stops intake, and
 * since every child request waits for its intent to commit, nothing more leaves for the venue.
 * Appends of one event-loop turn commit together in one statement (the next turn's gather while
 * it runs). Reads are answered from the rows loaded at open and kept since (RowMirror): the
 * `Journal` interface's reads are synchronous, and recovery reads at start what open loaded.
 */
export class PostgresJournal implements Journal {
  readonly path: string;
  /** The shard this journal holds. */
  readonly shard: number;
  /** A warning to print loudly at start (commits acknowledged before durable), if any. */
  readonly warning: string | undefined;
  readonly #clients: JournalClients;
  readonly #schema: string;
  readonly #lease: PgLease;
  readonly #clock: Clock;
  readonly #options: PostgresJournalOptions;
  readonly #appender: PgAppender;
  readonly #commits: GroupCommit<PendingRow, AppendResult>;
  readonly #mirror = new RowMirror();
  readonly #followers = new Set<(rows: readonly JournalRow[]) => void>();
  readonly #writes: BackgroundWrites;
  #snapshot: JournalSnapshot | undefined;
  #lastSequence: number;
  #fencedAppends = 0;
  #unavailable: JournalUnavailableError | undefined;
  #closed = false;

  /**
   * Connects to `url` (`postgres://…`, with exo's own `schema`, `lease_ms` and
   * `allow_async_commit` parameters), checks or creates the schema, takes the shard's lease and
   * loads the shard's rows and newest snapshot. Throws JournalFileError for a database that
   * cannot be used (naming it, password masked), LeaseHeldError (one) when another owner
   * holds the lease.
   */
  static async open(url: string, options: PostgresJournalOptions = {}): Promise<PostgresJournal> {
    const target = pgTarget(url);
    const clients = {
      writer: pgClient(target, 'writer'),
      lease: pgClient(target, 'lease'),
      background: pgClient(target, 'background'),
    };
    try {
      for (const client of Object.values(clients)) await connect(client, target);
      const shard = options.shard ?? { index: 0, count: 1 };
      const warning = await prepareSchema(clients.writer, target, shard.count);
      let journal: PostgresJournal | undefined;
      const lease = await PgLease.acquire(
        clients.lease,
        target,
        {
          shard: shard.index,
          path: target.display,
          ttlMs: options.leaseTtlMs ?? target.leaseTtlMs ?? DEFAULT_LEASE_TTL_MS,
          ...(options.leaseWaitMs === undefined ? {} : { waitMs: options.leaseWaitMs }),
          ...(options.leaseTimers === undefined ? {} : { timers: options.leaseTimers }),
          ...(options.onLeaseHeld === undefined ? {} : { onHeld: options.onLeaseHeld }),
          ...(options.leaseSignal === undefined ? {} : { signal: options.leaseSignal }),
        },
        (lost) => {
          if (journal !== undefined) journal.#leaseLost(lost);
        },
      );
      try {
        const loaded = await loadShard(clients.writer, target.schema, shard.index, target.display);
        journal = new PostgresJournal(clients, target.schema, lease, options, {
          path: target.display,
          warning,
          ...loaded,
        });
        if (lease.lost !== undefined) journal.#leaseLost(lease.lost);
        return journal;
      } catch (error) {
        await lease.stop(true);
        throw error;
      }
    } catch (error) {
      for (const client of Object.values(clients)) await client.end().catch(() => undefined);
      throw error;
    }
  }

  private constructor(
    clients: JournalClients,
    schema: string,
    lease: PgLease,
    options: PostgresJournalOptions,
    loaded: {
      path: string;
      warning: string | undefined;
      lastSequence: number;
      rows: JournalRow[];
      snapshot: JournalSnapshot | undefined;
    },
  ) {
    this.path = loaded.path;
    this.shard = options.shard?.index ?? 0;
    this.warning = loaded.warning;
    this.#clients = clients;
    this.#schema = schema;
    this.#lease = lease;
    this.#options = options;
    this.#clock = options.clock ?? new RealClock();
    this.#writes = new BackgroundWrites(this.#clock);
    this.#lastSequence = loaded.lastSequence;
    this.#mirror.push(loaded.rows);
    this.#snapshot = loaded.snapshot;
    this.#appender = new PgAppender(clients.writer, schema);
    this.#commits = new GroupCommit({
      commit: (rows) => this.#commitBatch(rows),
      toFailure: (cause) =>
        cause instanceof JournalUnavailableError ? cause : JournalUnavailableError.from(cause),
      onFailure: (failure) => this.#becomeUnavailable(failure as JournalUnavailableError),
    });
  }

  get unavailable(): JournalUnavailableError | undefined {
    return this.#unavailable;
  }

  /** The lease's epoch, headroom and fenced appends, for `/metrics`. */
  leaseStatus(): LeaseStatus {
    return {
      shard: this.shard,
      epoch: this.#lease.epoch,
      headroomMs: this.#lease.headroomMs(),
      fencedAppends: this.#fencedAppends,
    };
  }

  /**
   * Tells the gateway where this owner serves the shard (a base URL), in the lease row; called
   * once the engine serves. Resolves false when the lease is no longer this journal's.
   */
  advertise(address: string): Promise<boolean> {
    return this.#lease.advertise(address);
  }

  /** When the lease was taken, on the lease timers' clock (MONOTONIC by default). */
  get leaseAcquiredAt(): number {
    return this.#lease.acquiredAt;
  }

  append(entry: JournalEntry): Promise<AppendResult> {
    if (this.#closed) return rejected(new JournalUnavailableError(CLOSED));
    const failure = this.#unavailable;
    if (failure !== undefined && !(failure instanceof JournalFencedError)) return rejected(failure);
    if (this.#lease.lost !== undefined) {
      this.#fencedAppends++;
      return rejected(this.#lease.lost);
    }
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
    return this.#mirror.from(sequence);
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
      point = this.#writes.snapshotPoint(this.#lastSequence, options);
    } catch (error) {
      return rejected(error);
    }
    const captured = [...orders];
    return this.#writes.snapshot(point, async () => {
      await this.committed();
      const written = await this.#background((client, fence) =>
        writePgSnapshot(client, this.#schema, fence, point, captured),
      );
      this.#snapshot = written.snapshot;
      return written.info;
    });
  }

  latestSnapshot(): JournalSnapshot | undefined {
    return this.#snapshot;
  }

  prune(options: PruneOptions = {}): Promise<PruneResult> {
    if (this.#closed) return rejected(new JournalUnavailableError(CLOSED));
    let request: PruneRequest;
    try {
      request = this.#writes.pruneRequest(options);
    } catch (error) {
      return rejected(error);
    }
    return this.#writes.run(async () => {
      const maxSequence = this.#writes.pruneBound(this.#snapshot?.coversSequence);
      const bound = { cutoff: request.cutoff, maxSequence, lastSequence: this.#lastSequence };
      const pruned = await this.#background((client, fence) =>
        prunePg(client, this.#schema, fence, bound, request.chunkSize),
      );
      this.#mirror.drop(pruned.orderIds);
      return { rows: pruned.rows, orders: pruned.orders };
    });
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#commits.flush();
    await this.#commits.settled().catch(() => undefined);
    await this.#writes.idle();
    await this.#lease.stop(true);
    for (const client of Object.values(this.#clients)) await client.end().catch(() => undefined);
  }

  /** The lease is lost: every waiting and later append rejects, and intake hears of it. */
  #leaseLost(lost: JournalFencedError): void {
    this.#commits.fail(lost);
    this.#becomeUnavailable(lost);
  }

  /** The fence every write runs under; throws once the journal is unavailable. */
  #fence(): Fence {
    if (this.#unavailable !== undefined) throw this.#unavailable;
    return { shard: this.shard, owner: this.#lease.owner, epoch: this.#lease.epoch };
  }

  /** The fence of a background write's next transaction: none once the journal is closing. */
  #backgroundFence(): Fence {
    if (this.#closed) throw new JournalUnavailableError(CLOSED);
    return this.#fence();
  }

  /**
   * Runs a background write; a failure of the database makes the journal unavailable, as an
   * append's does (a refused snapshot, JournalEntryError, does not).
   */
  async #background<T>(write: (client: pg.Client, fence: () => Fence) => Promise<T>): Promise<T> {
    try {
      return await write(this.#clients.background, () => this.#backgroundFence());
    } catch (cause) {
      if (cause instanceof JournalEntryError) throw cause;
      if (cause instanceof JournalFencedError) {
        this.#lease.lose(cause.reason);
        throw this.#unavailable ?? cause;
      }
      // Closed, or already unavailable: nothing new to tell.
      if (cause instanceof JournalUnavailableError) throw cause;
      const failure = JournalUnavailableError.from(cause);
      this.#commits.fail(failure);
      throw this.#unavailable ?? failure;
    }
  }

  async #commitBatch(rows: readonly PendingRow[]): Promise<readonly AppendResult[]> {
    const started = performance.now();
    let results: AppendResult[];
    try {
      results = await this.#appender.write(rows, this.#fence());
    } catch (cause) {
      if (cause instanceof JournalFencedError) {
        this.#fencedAppends += rows.length;
        this.#lease.lose(cause.reason);
      }
      throw cause;
    }
    // The rows are durable, but past the local deadline nothing that depends on them may leave.
    if (this.#lease.headroomMs() <= 0)
      this.#lease.lose('local lease deadline passed during a commit');
    if (this.#lease.lost !== undefined) throw this.#lease.lost;
    const written = committedRows(rows, results);
    this.#mirror.push(written);
    const duplicates = rows.length - written.length;
    notify(this.#options.onCommit, {
      rows: written.length,
      duplicates,
      lastSequence: rows[rows.length - 1]!.sequence,
      durationMs: performance.now() - started,
    });
    if (written.length > 0) for (const follower of this.#followers) notify(follower, written);
    return results;
  }

  /**
   * The journal stops for good: intake hears why, and the lease is let go (this process will
   * write nothing more), so another owner need not wait for it to expire.
   */
  #becomeUnavailable(failure: JournalUnavailableError): void {
    if (this.#unavailable !== undefined) return;
    this.#unavailable = failure;
    notify(this.#options.onUnavailable, failure);
    void this.#lease.stop(true);
  }
}
