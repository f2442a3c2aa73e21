import type pg from 'pg';
import type { CancelTimer, Clock } from '../../core/clock.js';
import { type LeaseCell, LOST } from './lease-cell.js';

/** The share of the TTL a holder trusts its lease for after sending a renewal that succeeded. */
export const LOCAL_DEADLINE_SHARE = 0.8;

/** The lease a renewal loop keeps: its row (shard, owner, epoch) and its TTL. */
export interface RenewedLease {
  readonly schema: string;
  readonly shard: number;
  readonly owner: string;
  readonly epoch: number;
  readonly ttlMs: number;
}

/**
 * Renews a held lease every TTL/4 from `acquiredAt` (on `clock`), the one renewal step whether it
 * runs in the lease renewer thread (the default) or in-process on test timers. Each renewal that
 * succeeds moves the cell's deadline to its send time + 0.8·TTL; one that finds another epoch
 * (no row of this owner and epoch) marks the cell lost (LOST.fenced) and calls `onChange`; one
 * that fails is simply followed by the next (the deadline stops everything if none succeeds).
 * It stops for good once the cell is lost, whoever marked it.
 */
export class RenewalLoop {
  readonly #client: () => Promise<pg.Client>;
  readonly #lease: RenewedLease;
  readonly #cell: LeaseCell;
  readonly #clock: Clock;
  readonly #acquiredAt: number;
  readonly #onChange: () => void;
  #renewals = 0;
  #timer: CancelTimer | undefined;
  #inFlight: Promise<void> | undefined;
  #stopped = false;

  constructor(
    client: () => Promise<pg.Client>,
    lease: RenewedLease,
    cell: LeaseCell,
    timing: { readonly clock: Clock; readonly acquiredAt: number },
    onChange: () => void,
  ) {
    this.#client = client;
    this.#lease = lease;
    this.#cell = cell;
    this.#clock = timing.clock;
    this.#acquiredAt = timing.acquiredAt;
    this.#onChange = onChange;
    this.#schedule();
  }

  /** Stops renewing; resolves once a renewal in flight, if any, has ended. */
  stop(): Promise<void> {
    this.#stopped = true;
    this.#timer?.();
    return this.#inFlight ?? Promise.resolve();
  }

  #schedule(): void {
    const at = this.#acquiredAt + (++this.#renewals * this.#lease.ttlMs) / 4;
    this.#timer = this.#clock.setTimer(at, () => {
      if (this.#stopped || this.#cell.lost !== LOST.none) return;
      if (this.#inFlight === undefined) {
        this.#inFlight = this.#renew().finally(() => {
          this.#inFlight = undefined;
        });
      }
      this.#schedule();
    });
  }

  async #renew(): Promise<void> {
    const { schema, shard, owner, epoch, ttlMs } = this.#lease;
    const sent = this.#clock.now();
    try {
      const client = await this.#client();
      const renewed = await client.query(
        `UPDATE ${schema}.journal_lease SET expires = now() + $4 * interval '1 millisecond'
         WHERE shard = $1 AND owner = $2 AND epoch = $3`,
        [shard, owner, epoch, ttlMs],
      );
      if (this.#stopped || this.#cell.lost !== LOST.none) return;
      if (renewed.rowCount !== 1) {
        if (this.#cell.markLost(LOST.fenced)) this.#onChange();
        return;
      }
      this.#cell.extend(sent + LOCAL_DEADLINE_SHARE * ttlMs);
    } catch {
      // The next renewal tries again; the local deadline stops everything if none succeeds.
    }
  }
}
