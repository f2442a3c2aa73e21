import type { CancelTimer } from '../core/clock.js';
import type { DelegateContext } from '../core/delegate.js';
import type { ExecType } from '../market/exec-type.js';
import { isTerminal } from '../market/ord-status.js';
import type { Report } from '../market/report.js';
import { type ChildOrder, NOT_FOUND_AT_VENUE, pendingRequestOf } from '../orders/child-order.js';
import type { PendingRequest } from '../orders/order-snapshot.js';
import type { ParentOrder } from '../orders/parent-order.js';
import { withTimeout } from '../util/retry.js';
import type { Venue, VenueOrderStatus } from '../venues/venue.js';
import { OwnWakeups } from './own-wakeups.js';

/** How long a child request may go unanswered, and how a status query settles it. */
export interface InflightOptions {
  /** How long a request may go unanswered before its outcome is unknown. Default 5,000 ms. */
  readonly timeoutMs?: number;
  /**
   * How many times the venue must say it does not know the child before a request of unknown
   * outcome is resolved without it. Default 3.
   */
  readonly tries?: number;
  /**
   * The wait before asking again when the venue does not know the child yet (a new order may
   * take a moment to show: Binance's -2013), and after an `unknown` report. Default 1,000 ms.
   */
  readonly retryMs?: number;
}

interface Watched {
  readonly child: ChildOrder;
  readonly pending: PendingRequest;
  due: number;
  /** Whether its outcome is known to be unknown (by a report, or by its timeout). */
  unknown: boolean;
  /** How many answers said the venue does not know the child. */
  notFound: number;
  cancel: CancelTimer;
}

/** What a request of unknown outcome is resolved as once the venue says it never had the child. */
const NOT_FOUND: Readonly<Record<PendingRequest, ExecType>> = {
  new: 'rejected',
  cancel: 'canceled',
  replace: 'replace_rejected',
};

/**
 * Watches one order's child requests. A request still unanswered `timeoutMs` after it was sent
 * has an unknown outcome: the watch reports it so (an `unknown` report, journaled, that the child
 * shows) and asks `venue.orderStatus`; so does an `unknown` report from the venue. A request of
 * unknown outcome is never sent again: the venue's account of the child becomes the report that
 * was lost (an ack, a cancel, a refusal). A venue that does not know the child yet is asked again
 * after `retryMs`, and only after `tries` such answers is the request resolved without it: a new
 * order is rejected `not found at venue` (exo's loss, not a verdict: the order may send a new
 * child, under a new client ID), a cancel taken as done, a replace as refused. A query that fails
 * says nothing: it is asked again after `timeoutMs`, for as long as it takes. Wake-ups come from
 * the order's context clock. A venue that says it is still working on the request (its status
 * pending) is asked again after `retryMs`: only its answer, or the venue's report, settles it.
 */
export class InflightWatch {
  readonly #context: DelegateContext<ParentOrder>;
  readonly #venue: Venue;
  readonly #timeoutMs: number;
  readonly #tries: number;
  readonly #retryMs: number;
  readonly #watched = new Map<string, Watched>();
  readonly #wakeups: OwnWakeups;

  constructor(context: DelegateContext<ParentOrder>, venue: Venue, options: InflightOptions = {}) {
    this.#context = context;
    this.#wakeups = new OwnWakeups(context);
    this.#venue = venue;
    this.#timeoutMs = options.timeoutMs ?? 5_000;
    this.#tries = options.tries ?? 3;
    this.#retryMs = options.retryMs ?? 1_000;
  }

  /**
   * Starts (or restarts) the clock on a child's pending request; stops it once none is pending;
   * asks soon about one whose outcome became unknown.
   */
  track(child: ChildOrder): void {
    const pending = child.pending;
    const watched = this.#watched.get(child.clOrdId);
    if (watched !== undefined && watched.pending === pending) {
      if (child.unknown && !watched.unknown) {
        watched.unknown = true;
        watched.cancel();
        this.#arm(watched, this.#retryMs);
      }
      return;
    }
    watched?.cancel();
    this.#watched.delete(child.clOrdId);
    if (pending === undefined || child.terminal) return;
    const entry: Watched = {
      child,
      pending,
      due: 0,
      unknown: child.unknown,
      notFound: 0,
      cancel: () => {},
    };
    this.#watched.set(child.clOrdId, entry);
    this.#arm(entry, child.unknown ? this.#retryMs : this.#timeoutMs);
  }

  /** The wake-up times that are the algorithm's: the watch's own are taken out (and forgotten). */
  claim(times: readonly number[]): readonly number[] {
    return this.#wakeups.claim(times);
  }

  /** Whether some watched request is overdue now. */
  overdue(): boolean {
    const now = this.#context.clock.now();
    for (const entry of this.#watched.values()) if (entry.due <= now) return true;
    return false;
  }

  /**
   * The `unknown` reports of the overdue requests whose outcome was still thought to come: their
   * time is up. The caller applies them (as it would a venue's) before `settleOverdue` asks.
   */
  unknownNow(): Report[] {
    const now = this.#context.clock.now();
    const reports: Report[] = [];
    for (const entry of this.#watched.values()) {
      if (entry.due > now || entry.unknown) continue;
      entry.unknown = true;
      const text = `no answer from venue in ${this.#timeoutMs} ms`;
      reports.push(this.#report(entry, 'unknown', text, undefined));
    }
    return reports;
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
    let status: VenueOrderStatus | undefined;
    try {
      const { clock } = this.#context;
      status = await withTimeout(
        this.#venue.orderStatus(entry.child.clOrdId),
        clock,
        this.#timeoutMs,
      );
    } catch {
      // No answer is no news: the outcome stays unknown, and the venue is asked again.
      if (entry.child.pending === entry.pending) this.#arm(entry, this.#timeoutMs);
      return [];
    }
    if (entry.child.pending !== entry.pending) return [];
    if (status !== undefined && pendingRequestOf(status.status) === entry.pending) {
      // The venue has the request and is still working on it: no outcome yet, asked again.
      this.#arm(entry, this.#retryMs);
      return [];
    }
    if (status !== undefined) return this.#answer(entry, status);
    entry.notFound++;
    if (entry.notFound < this.#tries) {
      this.#arm(entry, this.#retryMs);
      return [];
    }
    return [this.#report(entry, NOT_FOUND[entry.pending], NOT_FOUND_AT_VENUE, status)];
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

  #arm(entry: Watched, afterMs: number): void {
    const due = this.#context.clock.now() + afterMs;
    entry.due = due;
    entry.cancel = this.#wakeups.at(due);
  }
}
