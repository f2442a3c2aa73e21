import type { CancelTimer } from '../core/clock.js';
import type { DelegateContext } from '../core/delegate.js';
import type { ExecType } from '../market/exec-type.js';
import { isTerminal } from '../market/ord-status.js';
import type { Report } from '../market/report.js';
import type { ChildOrder } from '../orders/child-order.js';
import type { PendingRequest } from '../orders/order-snapshot.js';
import type { ParentOrder } from '../orders/parent-order.js';
import { withTimeout } from '../util/retry.js';
import type { Venue, VenueOrderStatus } from '../venues/venue.js';

/** How long a child request may go unanswered, and how many queries settle it. */
export interface InflightOptions {
  /** Default 5,000 ms. */
  readonly timeoutMs?: number;
  /** Queries before the request is resolved without an answer. Default 3. */
  readonly tries?: number;
}

interface Watched {
  readonly child: ChildOrder;
  readonly pending: PendingRequest;
  due: number;
  tries: number;
  cancel: CancelTimer;
}

/** What an unanswered request is resolved as once the venue never gave an answer. */
const UNANSWERED: Readonly<Record<PendingRequest, ExecType>> = {
  new: 'rejected',
  cancel: 'canceled',
  replace: 'replace_rejected',
};

/**
 * Watches one order's child requests: a request still unanswered `timeoutMs` after it was sent is
 * queried with `venue.orderStatus`, and the answer becomes the report that was lost (an ack, a
 * cancel, a refusal); after `tries` queries without one it is resolved by the child state
 * machine's rules: a new order the venue never saw is rejected `not found at venue`, a cancel is
 * taken as done, a replace as refused. Wake-ups come from the order's context clock.
 */
export class InflightWatch {
  readonly #context: DelegateContext<ParentOrder>;
  readonly #venue: Venue;
  readonly #timeoutMs: number;
  readonly #tries: number;
  readonly #watched = new Map<string, Watched>();
  readonly #wakeTimes = new Set<number>();

  constructor(context: DelegateContext<ParentOrder>, venue: Venue, options: InflightOptions = {}) {
    this.#context = context;
    this.#venue = venue;
    this.#timeoutMs = options.timeoutMs ?? 5_000;
    this.#tries = options.tries ?? 3;
  }

  /** Starts (or restarts) the clock on a child's pending request; stops it once none is pending. */
  track(child: ChildOrder): void {
    const pending = child.pending;
    const watched = this.#watched.get(child.clOrdId);
    if (watched !== undefined && watched.pending === pending) return;
    watched?.cancel();
    this.#watched.delete(child.clOrdId);
    if (pending === undefined || child.terminal) return;
    const entry: Watched = { child, pending, due: 0, tries: 0, cancel: () => {} };
    this.#watched.set(child.clOrdId, entry);
    this.#arm(entry);
  }

  /** The wake-up times that are the algorithm's: the watch's own are taken out (and forgotten). */
  claim(times: readonly number[]): readonly number[] {
    if (this.#wakeTimes.size === 0) return times;
    return times.filter((time) => !this.#wakeTimes.delete(time));
  }

  /** Whether some watched request is overdue now. */
  overdue(): boolean {
    const now = this.#context.clock.now();
    for (const entry of this.#watched.values()) if (entry.due <= now) return true;
    return false;
  }

  /**
   * Queries the venue about every overdue request and returns the reports that settle them (the
   * caller applies them as it would a venue's); a request still open after a query waits again.
   */
  async settleOverdue(): Promise<Report[]> {
    const now = this.#context.clock.now();
    const overdue = [...this.#watched.values()].filter((entry) => entry.due <= now);
    const reports = await Promise.all(overdue.map((entry) => this.#query(entry)));
    return reports.flat();
  }

  async #query(entry: Watched): Promise<Report[]> {
    entry.tries++;
    let status: VenueOrderStatus | undefined;
    try {
      const { clock } = this.#context;
      status = await withTimeout(
        this.#venue.orderStatus(entry.child.clOrdId),
        clock,
        this.#timeoutMs,
      );
    } catch {
      status = undefined;
    }
    if (entry.child.pending !== entry.pending) return [];
    if (status !== undefined) {
      const reports = this.#answer(entry, status);
      if (reports.length > 0) return reports;
    }
    if (entry.tries < this.#tries) {
      this.#arm(entry);
      return [];
    }
    const text = status === undefined ? 'not found at venue' : 'no answer from venue';
    return [this.#report(entry, UNANSWERED[entry.pending], text, status)];
  }

  /** The reports a venue's account of the child implies for its pending request. */
  #answer(entry: Watched, status: VenueOrderStatus): Report[] {
    const { child, pending } = entry;
    const ended = isTerminal(status.status) && status.status !== 'filled';
    const end: ExecType = status.status === 'expired' ? 'expired' : 'canceled';
    if (pending === 'new') {
      if (status.status === 'rejected')
        return [this.#report(entry, 'rejected', status.text, status)];
      const ack = this.#report(entry, 'new', undefined, status);
      return ended ? [ack, this.#report(entry, end, status.text, status)] : [ack];
    }
    if (ended) return [this.#report(entry, end, status.text, status)];
    if (pending === 'cancel') {
      return [this.#report(entry, 'cancel_rejected', 'cancel not acknowledged by venue', status)];
    }
    const sameTerms =
      status.quantity.eq(child.quantity) &&
      (child.limitPrice?.eq(status.limitPrice ?? -1) ?? status.limitPrice === undefined);
    return sameTerms
      ? [this.#report(entry, 'replace_rejected', 'replace not acknowledged by venue', status)]
      : [this.#report(entry, 'replaced', undefined, status)];
  }

  #report(
    entry: Watched,
    execType: ExecType,
    text: string | undefined,
    status: VenueOrderStatus | undefined,
  ): Report {
    const { child } = entry;
    return {
      orderId: child.parentId,
      clOrdId: child.clOrdId,
      execType,
      status:
        status?.status ??
        (execType === 'rejected' || execType === 'canceled' ? execType : child.status),
      transactTime: this.#context.clock.now(),
      ...(status === undefined ? {} : { venueOrderId: status.venueOrderId }),
      ...(status?.venueClOrdId === undefined ? {} : { venueClOrdId: status.venueClOrdId }),
      ...(text === undefined ? {} : { text }),
    };
  }

  #arm(entry: Watched): void {
    const due = this.#context.clock.now() + this.#timeoutMs;
    entry.due = due;
    this.#wakeTimes.add(due);
    const cancelWake = this.#context.wakeAt(due);
    entry.cancel = () => {
      cancelWake();
      this.#wakeTimes.delete(due);
    };
  }
}
