import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';
import type { CancelTimer, Clock } from '../../core/clock.js';
import { extended } from '../../market/extended.js';
import { JournalFencedError } from '../journal-errors.js';
import { LeaseCell, LOST } from './lease-cell.js';
import { LOCAL_DEADLINE_SHARE, RenewalLoop, type RenewedLease } from './lease-renewal.js';
import { type RenewerSeat, reserveRenewer } from './lease-renewer.js';
import { type LeaseOptions, takeLease } from './lease-take.js';
import { MONOTONIC } from './monotonic.js';
import type { PgTarget } from './pg-target.js';

/** Default lease time to live: how long a silent owner keeps a shard before another may take it. */
export const DEFAULT_LEASE_TTL_MS = 5_000;

/**
 * A shard's lease, held: its epoch was bumped on acquisition (server clock only decides expiry).
 * It renews every TTL/4 from the moment of acquisition (in the lease renewer thread, so a busy
 * main thread does not starve it; see reserveRenewer), and trusts itself only until a local
 * deadline (the last successful renewal's send time + 0.8·TTL, monotonic), kept with the lost
 * flag in a LeaseCell both threads share: past it, or when a renewal finds another epoch, it is
 * lost for good and `onLost` hears why, once. Every check (`lost`, `headroomMs`) reads the cell
 * synchronously, so a main thread waking from a long block knows at once where it stands.
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
  readonly #cell = new LeaseCell();
  readonly #stopRenewing: () => Promise<void>;
  #renewalsStopped: Promise<void> | undefined;
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
   * `target` says where the renewer thread connects to renew it.
   */
  static async acquire(
    client: pg.Client,
    target: PgTarget,
    options: LeaseOptions,
    onLost: (error: JournalFencedError) => void,
  ): Promise<PgLease> {
    const timers = options.timers ?? MONOTONIC;
    const seat = options.timers === undefined ? await reserveRenewer(target) : undefined;
    try {
      const taken = await takeLease(client, target.schema, options, timers);
      return new PgLease(
        client,
        target,
        extended(options, { owner: taken.owner }),
        taken,
        seat,
        onLost,
      );
    } catch (error) {
      seat?.release();
      throw error;
    }
  }

  private constructor(
    client: pg.Client,
    target: PgTarget,
    options: LeaseOptions & { owner: string },
    { epoch, sent }: { readonly epoch: number; readonly sent: number },
    seat: RenewerSeat | undefined,
    onLost: (error: JournalFencedError) => void,
  ) {
    this.#client = client;
    this.#schema = target.schema;
    this.#options = options;
    this.#timers = options.timers ?? MONOTONIC;
    this.#onLost = onLost;
    this.owner = options.owner;
    this.epoch = epoch;
    this.#acquiredAt = sent;
    this.#cell.extend(sent + LOCAL_DEADLINE_SHARE * options.ttlMs);
    const renewed: RenewedLease = {
      schema: target.schema,
      shard: options.shard,
      owner: options.owner,
      epoch,
      ttlMs: options.ttlMs,
    };
    const onChange = (): void => {
      this.#observe();
    };
    if (seat !== undefined) {
      this.#stopRenewing = seat.renew(renewed, { acquiredAt: sent, cell: this.#cell }, onChange);
    } else {
      const loop = new RenewalLoop(
        () => Promise.resolve(client),
        renewed,
        this.#cell,
        { clock: this.#timers, acquiredAt: sent },
        onChange,
      );
      this.#stopRenewing = () => loop.stop();
    }
    this.#scheduleDeadline();
  }

  /** When the acquisition that took the lease was sent, on the lease's timers' clock. */
  get acquiredAt(): number {
    return this.#acquiredAt;
  }

  /** Why the lease was lost, once it was: nothing may be written or sent under it from then on. */
  get lost(): JournalFencedError | undefined {
    this.#observe();
    return this.#lost;
  }

  /** Milliseconds left before the local deadline (negative once past it). */
  headroomMs(): number {
    return this.#cell.deadline - this.#timers.now();
  }

  /**
   * Stops renewing (waiting for a renewal in flight, so none lands after the release) and, when
   * `release`, lets the lease expire now so the next owner need not wait.
   */
  async stop(release: boolean): Promise<void> {
    this.#deadlineTimer?.();
    this.#observe();
    const wasLost = this.#lost !== undefined;
    if (release && !wasLost) this.#lost = new JournalFencedError('lease released');
    this.#cell.markLost(LOST.locally);
    await this.#haltRenewals();
    if (!release || wasLost) return;
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
    if (this.lost !== undefined) return false;
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
    this.#cell.markLost(LOST.locally);
    this.#deadlineTimer?.();
    void this.#haltRenewals();
    this.#onLost(this.#lost);
  }

  /**
   * Stops the renewals once, however often asked; resolves when none is in flight, or after one
   * TTL at most (a renewal stuck on a dead connection must not hold up a close).
   */
  #haltRenewals(): Promise<void> {
    this.#renewalsStopped ??= Promise.race([
      this.#stopRenewing(),
      sleep(this.#options.ttlMs, undefined, { ref: false }),
    ]);
    return this.#renewalsStopped;
  }

  /**
   * Loses the lease if the cell says the renewer found it lost (whoever marked it first), or its
   * deadline has passed: read synchronously at every check, so a main thread waking from a long
   * block acts on where its lease stands before its deadline timer has had a chance to run.
   */
  #observe(): void {
    if (this.#lost !== undefined) return;
    const why = this.#cell.lost;
    if (why === LOST.fenced) {
      this.lose(`fenced: shard ${this.#options.shard} epoch ${this.epoch} was taken over`);
    } else if (why === LOST.renewerFailed) {
      this.lose('the lease renewer thread stopped');
    } else if (why === LOST.none && this.headroomMs() <= 0) {
      this.lose(`lease not renewed within ${LOCAL_DEADLINE_SHARE}·TTL (${this.#options.ttlMs} ms)`);
    }
  }

  /** Fires at the shared deadline; re-arms at it while renewals keep moving it. */
  #scheduleDeadline(): void {
    this.#deadlineTimer = this.#timers.setTimer(this.#cell.deadline, () => {
      this.#observe();
      if (this.#lost === undefined && this.#cell.lost === LOST.none) this.#scheduleDeadline();
    });
  }
}
