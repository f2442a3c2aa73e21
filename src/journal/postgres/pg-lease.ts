import { hostname } from 'node:os';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';
import type { CancelTimer, Clock } from '../../core/clock.js';
import { JournalFencedError, JournalFileError } from '../journal-errors.js';

/** Default lease time to live: how long a silent owner keeps a shard before another may take it. */
export const DEFAULT_LEASE_TTL_MS = 5_000;

/** How long after a holder's expiry (as the server told it) a waiting acquirer looks again. */
const EXPIRY_MARGIN_MS = 10;

/** The share of the TTL a holder trusts its lease for after sending a renewal that succeeded. */
const LOCAL_DEADLINE_SHARE = 0.8;

/** A clock on `performance.now()`, which no change of the wall clock moves; its timers unref'd. */
export const MONOTONIC: Clock = {
  now: () => performance.now(),
  setTimer(time, callback) {
    const handle = setTimeout(callback, Math.max(0, time - performance.now()));
    handle.unref();
    return () => clearTimeout(handle);
  },
};

/** How a journal takes and keeps its shard's lease. */
export interface LeaseOptions {
  readonly shard: number;
  readonly ttlMs: number;
  /** The journal as errors name it (password masked). */
  readonly path: string;
  /** Who holds it, as the lease row shows; host, pid and a random part by default. */
  readonly owner?: string;
  /** How long to wait for a lease another owner holds to expire (0: refuse at once). */
  readonly waitMs?: number;
  /** Told at each look, while waiting, that another owner holds the lease and for how long. */
  readonly onHeld?: (holder: LeaseHolder) => void;
  /** Ends a wait early: the acquisition rejects with an AbortError. */
  readonly signal?: AbortSignal;
  /** Schedules renewals and the local deadline: a monotonic clock by default. */
  readonly timers?: Clock;
}

/** Who holds a lease another process is waiting for, and its time left on the server's clock. */
export interface LeaseHolder {
  readonly owner: string;
  readonly leftMs: number;
}

/**
 * The lease is held by another owner whose lease has not expired (on the server's clock): like
 * a SQLite journal locked by another exo, the journal cannot be opened.
 */
export class LeaseHeldError extends JournalFileError {}

/**
 * A shard's lease, held: its epoch was bumped on acquisition (server clock only decides expiry).
 * It renews every TTL/4 from the moment of acquisition, and trusts itself only until a local
 * deadline (the last successful renewal's send time + 0.8·TTL, monotonic): past it, or when a
 * renewal finds another epoch, it is lost for good and `onLost` hears why, once.
 */
export class PgLease {
  readonly epoch: number;
  readonly owner: string;
  readonly #client: pg.Client;
  readonly #schema: string;
  readonly #options: LeaseOptions;
  readonly #timers: Clock;
  readonly #onLost: (error: JournalFencedError) => void;
  readonly #acquiredAt: number;
  #deadline: number;
  #renewals = 0;
  #renewing = false;
  #renewalTimer: CancelTimer | undefined;
  #deadlineTimer: CancelTimer | undefined;
  #lost: JournalFencedError | undefined;

  /**
   * Takes the shard's lease on `client` (its own connection), waiting up to `waitMs` for it.
   * While it waits it looks again every TTL/4, or just after the holder's expiry when sooner: the
   * server's clock alone decides expiry (`expires < now()`). That is what keeps a new owner from
   * acting before the old one stopped: the old owner trusts its lease until its own local
   * deadline, 0.8·TTL after it sent its last renewal that succeeded, and that renewal set
   * `expires` to the server's now() + TTL, later than the send; so the lease expires on the
   * server at least 0.2·TTL after the old owner's deadline passed (for clocks whose rates differ
   * by less than that over one TTL), and a takeover always comes after it by that margin.
   */
  static async acquire(
    client: pg.Client,
    schema: string,
    options: LeaseOptions,
    onLost: (error: JournalFencedError) => void,
  ): Promise<PgLease> {
    const timers = options.timers ?? MONOTONIC;
    const owner =
      options.owner ?? `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
    const giveUpAt = performance.now() + (options.waitMs ?? 0);
    for (;;) {
      const sent = timers.now();
      const taken = await client.query<{ epoch: number }>(
        `INSERT INTO ${schema}.journal_lease AS lease (shard, owner, epoch, expires)
         VALUES ($1, $2, 1, now() + $3 * interval '1 millisecond')
         ON CONFLICT (shard) DO UPDATE
           SET owner = EXCLUDED.owner, epoch = lease.epoch + 1, expires = EXCLUDED.expires,
             address = NULL
           WHERE lease.expires < now()
         RETURNING epoch`,
        [options.shard, owner, options.ttlMs],
      );
      const epoch = taken.rows[0]?.epoch;
      if (epoch !== undefined)
        return new PgLease(client, schema, { ...options, owner }, epoch, sent, onLost);
      const holder = await client.query<{ owner: string; left: number }>(
        `SELECT owner, greatest(0, extract(epoch FROM expires - now()) * 1000)::float8 AS left
         FROM ${schema}.journal_lease WHERE shard = $1`,
        [options.shard],
      );
      const { owner: by, left } = holder.rows[0] ?? { owner: 'nobody', left: 0 };
      const waitLeft = giveUpAt - performance.now();
      if (waitLeft <= 0) {
        throw new LeaseHeldError(
          options.path,
          `shard ${options.shard} is leased by ${by} for ${Math.ceil(left)} ms more`,
        );
      }
      options.onHeld?.({ owner: by, leftMs: left });
      const pause = Math.min(waitLeft, left + EXPIRY_MARGIN_MS, options.ttlMs / 4);
      await sleep(pause, undefined, options.signal === undefined ? {} : { signal: options.signal });
    }
  }

  private constructor(
    client: pg.Client,
    schema: string,
    options: LeaseOptions & { owner: string },
    epoch: number,
    sent: number,
    onLost: (error: JournalFencedError) => void,
  ) {
    this.#client = client;
    this.#schema = schema;
    this.#options = options;
    this.#timers = options.timers ?? MONOTONIC;
    this.#onLost = onLost;
    this.owner = options.owner;
    this.epoch = epoch;
    this.#acquiredAt = sent;
    this.#deadline = sent + LOCAL_DEADLINE_SHARE * options.ttlMs;
    this.#scheduleRenewal();
    this.#scheduleDeadline();
  }

  /** When the acquisition that took the lease was sent, on the lease's timers' clock. */
  get acquiredAt(): number {
    return this.#acquiredAt;
  }

  /** Why the lease was lost, once it was: nothing may be written or sent under it from then on. */
  get lost(): JournalFencedError | undefined {
    return this.#lost;
  }

  /** Milliseconds left before the local deadline (negative once past it). */
  headroomMs(): number {
    return this.#deadline - this.#timers.now();
  }

  /** Stops renewing and, when `release`, lets the lease expire now so the next owner need not wait. */
  async stop(release: boolean): Promise<void> {
    this.#stopTimers();
    if (!release || this.#lost !== undefined) return;
    this.#lost = new JournalFencedError('lease released');
    await this.#client
      .query(
        `UPDATE ${this.#schema}.journal_lease SET expires = '-infinity', address = NULL
         WHERE shard = $1 AND owner = $2 AND epoch = $3`,
        [this.#options.shard, this.owner, this.epoch],
      )
      .catch(() => undefined);
  }

  /**
   * Says where this owner serves the shard (undefined: nowhere yet), in the lease row the gateway
   * reads; only while the lease is held (another epoch's row is left alone). Resolves whether the
   * row was this epoch's.
   */
  async advertise(address: string | undefined): Promise<boolean> {
    if (this.#lost !== undefined) return false;
    const set = await this.#client.query(
      `UPDATE ${this.#schema}.journal_lease SET address = $4
       WHERE shard = $1 AND owner = $2 AND epoch = $3`,
      [this.#options.shard, this.owner, this.epoch, address ?? null],
    );
    return set.rowCount === 1;
  }

  /** Loses the lease for good (another epoch, or the local deadline passed); tells `onLost` once. */
  lose(reason: string): void {
    if (this.#lost !== undefined) return;
    this.#lost = new JournalFencedError(reason);
    this.#stopTimers();
    this.#onLost(this.#lost);
  }

  #stopTimers(): void {
    this.#renewalTimer?.();
    this.#deadlineTimer?.();
  }

  #scheduleRenewal(): void {
    const at = this.#acquiredAt + (++this.#renewals * this.#options.ttlMs) / 4;
    this.#renewalTimer = this.#timers.setTimer(at, () => {
      if (this.#lost !== undefined) return;
      void this.#renew();
      this.#scheduleRenewal();
    });
  }

  #scheduleDeadline(): void {
    this.#deadlineTimer?.();
    this.#deadlineTimer = this.#timers.setTimer(this.#deadline, () => {
      if (this.headroomMs() > 0) return;
      this.lose(`lease not renewed within ${LOCAL_DEADLINE_SHARE}·TTL (${this.#options.ttlMs} ms)`);
    });
  }

  async #renew(): Promise<void> {
    if (this.#renewing || this.#lost !== undefined) return;
    this.#renewing = true;
    const sent = this.#timers.now();
    try {
      const renewed = await this.#client.query(
        `UPDATE ${this.#schema}.journal_lease SET expires = now() + $4 * interval '1 millisecond'
         WHERE shard = $1 AND owner = $2 AND epoch = $3`,
        [this.#options.shard, this.owner, this.epoch, this.#options.ttlMs],
      );
      if (this.#lost !== undefined) return;
      if (renewed.rowCount !== 1) {
        this.lose(`fenced: shard ${this.#options.shard} epoch ${this.epoch} was taken over`);
        return;
      }
      this.#deadline = Math.max(this.#deadline, sent + LOCAL_DEADLINE_SHARE * this.#options.ttlMs);
      this.#scheduleDeadline();
    } catch {
      // The next renewal tries again; the local deadline stops everything if none succeeds.
    } finally {
      this.#renewing = false;
    }
  }
}
