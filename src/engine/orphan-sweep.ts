import type { CancelTimer, Clock } from '../core/clock.js';
import type { RecoveryNotice } from '../recovery/reconcile.js';
import type { Venue } from '../venues/venue.js';

/** How often a running engine looks for orphans at its venue unless told otherwise: 30 s. */
export const DEFAULT_ORPHAN_SWEEP_MS = 30_000;

/** What an orphan sweep asks, whom it asks about, and whom it tells. */
export interface OrphanSweepParts {
  /**
   * The venue as recovery reconciles with it: renamed children's client IDs mapped back to their
   * identities (ClientIdChains), another shard's reports dropped; not journaled, as an orphan
   * belongs to no order of the journal.
   */
  readonly venue: Venue;
  /** The prefix of this engine's client order IDs (its shard's): nothing outside it is touched. */
  readonly prefix: string;
  readonly clock: Clock;
  /** The time between the end of one sweep and the start of the next (> 0). */
  readonly everyMs: number;
  /** Whether `clOrdId` (a child's identity) is a child the engine has sent and not seen end. */
  readonly isLiveChild: (clOrdId: string) => boolean;
  /** Told of each orphan cancelled, as recovery tells of its own. */
  readonly cancelled: (notice: RecoveryNotice) => void;
  /**
   * Whether this engine may still send to the venue: false once its journal stopped (fenced, say)
   * or its lease's local deadline passed, when the orders it does not know may be a new owner's.
   * Asked when a listing arrives and before each cancel.
   */
  readonly mayAct: () => boolean;
  /** Told when the venue could not list its open orders: the next sweep asks again. */
  readonly failed: (error: unknown) => void;
}

/**
 * Continuous reconciliation of a running engine's open venue orders: every `everyMs` it lists the
 * open orders under the engine's prefix and cancels each whose client ID no live child of the
 * engine has (an orphan: a fenced predecessor's request that landed after this engine's start
 * reconciliation, say), announcing each as `orphan_cancelled`. Venues cannot check lease epochs;
 * this is the last layer of the venue fence (issue 16).
 *
 * Why exo's own children are safe without a grace period: a child becomes live (the child checks
 * count it working) synchronously, just before its request leaves for the venue, after its intent
 * row committed, so the venue can list no order of exo's that the engine did not know of when
 * the listing came back: the listing is compared with what the engine knows when it arrives, not
 * when it was asked for. A replace offering a new client ID joins the child's chain before it is
 * sent, so the venue's new name maps back to the child. What remains is the other direction: a
 * child that ended between the venue's listing and its answer (a cancel crossing the query) would
 * read as unknown although the venue ended it. The venue's order status carries no time to tell
 * a fresh order from an old one, so an order is cancelled only once it was unknown in two
 * consecutive sweeps: an orphan lives at most two intervals, and a listing one sweep stale never
 * makes exo cancel (or announce) what it already ended.
 *
 * An engine that lost its lease must not sweep: every order of its shard it does not know may be
 * its successor's. So nothing is cancelled unless `mayAct` says the journal still writes and the
 * lease's local deadline has not passed (checked when the listing arrives and before each cancel),
 * and the engine stops the sweep when its journal becomes unavailable.
 */
export class OrphanSweep {
  readonly #parts: OrphanSweepParts;
  /** The venue client IDs unknown in the last sweep: cancelled if the next finds them again. */
  #suspects = new Set<string>();
  #timer: CancelTimer | undefined;
  #stopped = false;

  constructor(parts: OrphanSweepParts) {
    if (!(parts.everyMs > 0)) throw new RangeError(`orphan sweep every ${parts.everyMs} ms`);
    this.#parts = parts;
  }

  /** Starts sweeping, the first sweep one interval from now. */
  start(): void {
    if (this.#stopped || this.#timer !== undefined) return;
    this.#schedule();
  }

  /** Stops sweeping; a sweep waiting on the venue cancels nothing once it answers. */
  stop(): void {
    this.#stopped = true;
    this.#timer?.();
    this.#timer = undefined;
  }

  /**
   * One sweep: lists the open orders under the prefix, cancels those unknown now and in the last
   * sweep, and remembers the rest of the unknown ones. Never rejects: a failed listing is told to
   * `failed`, and the suspects are kept for the next sweep.
   */
  async sweep(): Promise<void> {
    const { venue, prefix, isLiveChild } = this.#parts;
    let open: Awaited<ReturnType<Venue['openOrders']>>;
    try {
      open = await venue.openOrders(prefix);
    } catch (error) {
      this.#parts.failed(error);
      return;
    }
    if (this.#stopped || !this.#parts.mayAct()) return;
    const unknown = new Set<string>();
    for (const status of open) {
      const atVenue = status.venueClOrdId ?? status.clOrdId;
      // The prefix is asked for, but a venue that ignores it must not lead to another's orders.
      if (!atVenue.startsWith(prefix) || isLiveChild(status.clOrdId)) continue;
      if (!this.#suspects.has(atVenue)) {
        unknown.add(atVenue);
        continue;
      }
      this.#cancel(atVenue, status.parentId);
    }
    this.#suspects = unknown;
  }

  #cancel(clOrdId: string, orderId: string): void {
    if (!this.#parts.mayAct()) return;
    try {
      this.#parts.venue.cancel(clOrdId, this.#parts.clock.now());
    } catch (error) {
      this.#parts.failed(error);
      return;
    }
    const message = 'open at the venue but unknown to exo: cancelled by the orphan sweep';
    this.#parts.cancelled({ kind: 'orphan_cancelled', clOrdId, orderId, message });
  }

  #schedule(): void {
    const { clock, everyMs } = this.#parts;
    this.#timer = clock.setTimer(clock.now() + everyMs, () => {
      this.#timer = undefined;
      void this.sweep().then(() => {
        if (!this.#stopped) this.#schedule();
      });
    });
  }
}
