import { hostname } from 'node:os';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';
import type { Clock } from '../../core/clock.js';
import { JournalFileError } from '../journal-errors.js';

/** How long after a holder's expiry (as the server told it) a waiting acquirer looks again. */
const EXPIRY_MARGIN_MS = 10;

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
  /**
   * Schedules renewals and the local deadline in-process, on these timers (tests freeze a lease
   * with a clock that never moves). By default the lease renewer thread renews (reserveRenewer) and
   * the deadline is on MONOTONIC.
   */
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

/** A lease just taken: its owner, epoch, and when the acquisition was sent (on the timers). */
export interface TakenLease {
  readonly owner: string;
  readonly epoch: number;
  readonly sent: number;
}

/**
 * Takes the shard's lease on `client`, waiting up to `waitMs` for it (see PgLease.acquire): bumps
 * its epoch when it is free or expired on the server's clock, else looks again every TTL/4, or
 * just after the holder's expiry when sooner. Throws LeaseHeldError once the wait is over.
 */
export async function takeLease(
  client: pg.Client,
  schema: string,
  options: LeaseOptions,
  timers: Clock,
): Promise<TakenLease> {
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
    if (epoch !== undefined) return { owner, epoch, sent };
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
