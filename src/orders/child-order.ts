import { compare, type Decimal, sign, ZERO } from '../market/decimal.js';
import { isRefusal } from '../market/exec-type.js';
import { addFill, type Cumulative, NOTHING_FILLED } from '../market/fills.js';
import { isTerminal, type OrdStatus } from '../market/ord-status.js';
import type { Report } from '../market/report.js';
import type { Side } from '../market/side.js';
import type { TimeInForce } from '../market/time-in-force.js';
import type { ChildOrderRequest, ChildReplaceRequest } from '../venues/venue.js';
import { ChildReportError, IllegalTransitionError } from './child-order-errors.js';
import { reportMeaning } from './child-order-report.js';
import {
  type ChildEvent,
  type ChildReportEvent,
  type ChildTarget,
  transitionTarget,
} from './child-order-transitions.js';
import type { ChildSnapshot, FillRecord, PendingRequest } from './order-snapshot.js';
import type { ChildRestore } from './parent-restore.js';

/**
 * The text of a child that recovery rejects because the venue never heard of it, after every
 * query: a child that never left, so an algorithm may send its quantity again.
 */
export const NOT_FOUND_AT_VENUE = 'not found at venue';

/** What applying one report did to a child, for its parent to book and announce. */
export interface ChildApplied {
  /**
   * The transition taken; `duplicate_fill` for a fill whose execId was already counted and
   * `status` for a report that only restated the state: both changed nothing.
   */
  readonly event: ChildReportEvent | 'duplicate_fill' | 'status';
  /** The child's status after the report. */
  readonly status: OrdStatus;
  /** The new execution, for a counted fill. */
  readonly fill?: FillRecord;
  /** True when a counted fill took cumQty beyond the child's quantity: applied, but flagged. */
  readonly overfill: boolean;
}

/** A snapshot being built: optional fields are added only when present. */
type Writable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * The client IDs a child has had (see ChildOrder.clientIds): what a restored child starts from.
 * `current` is one of `ids`.
 */
export interface ClientIdChain {
  readonly ids: readonly string[];
  readonly current: string;
}

/** The new terms a pending replace will give the child once the venue confirms it. */
interface ReplaceTerms {
  readonly quantity: Decimal;
  readonly limitPrice: Decimal | undefined;
}

const PENDING: Partial<Record<OrdStatus, PendingRequest>> = {
  pending_new: 'new',
  pending_cancel: 'cancel',
  pending_replace: 'replace',
};

/** The request a status says is waiting for the venue's answer (pending_new: the new), if any. */
export function pendingRequestOf(status: OrdStatus): PendingRequest | undefined {
  return PENDING[status];
}

/**
 * One child order as exo knows it, venue-agnostic: every status change goes through the
 * transition table (an illegal one throws IllegalTransitionError naming state and event), at most
 * one request is pending at a time, and fills are counted once per execId with exact figures.
 * Creating a child is its new request: it starts in `pending_new`.
 */
export class ChildOrder {
  readonly clOrdId: string;
  readonly parentId: string;
  readonly symbol: string;
  readonly side: Side;
  readonly timeInForce: TimeInForce;
  readonly createdAt: number;
  #quantity: Decimal;
  #limitPrice: Decimal | undefined;
  #status: OrdStatus = 'pending_new';
  #cum: Cumulative = NOTHING_FILLED;
  #venueOrderId: string | undefined;
  #updatedAt: number;
  #text: string | undefined;
  #replaceTo: ReplaceTerms | undefined;
  /** The client ID the pending replace offered the venue, when it offered one. */
  #replaceId: string | undefined;
  readonly #execIds = new Set<string>();
  #cancelRejections = 0;
  #replaceRejections = 0;
  /** The request whose outcome the venue could not tell, while it is still the one pending. */
  #unknown: PendingRequest | undefined;
  /** Its client IDs, oldest first: the identity, then each offered with a replace. */
  readonly #clientIds: string[];
  /** The client ID the venue knows it by now. */
  #venueClOrdId: string;

  /**
   * A child about to be sent with `request`; throws RangeError unless its quantity is positive.
   * A restored child gets back the client IDs it had (`chain`).
   */
  constructor(request: ChildOrderRequest, time: number, chain?: ClientIdChain) {
    if (sign(request.quantity) <= 0) {
      throw new RangeError(`child ${request.clOrdId}: quantity must be positive`);
    }
    this.clOrdId = request.clOrdId;
    this.parentId = request.parentId;
    this.symbol = request.symbol;
    this.side = request.side;
    this.timeInForce = request.timeInForce;
    this.#quantity = request.quantity;
    this.#limitPrice = request.limitPrice;
    this.createdAt = time;
    this.#updatedAt = time;
    this.#clientIds = [request.clOrdId];
    this.#venueClOrdId = request.clOrdId;
    for (const id of chain?.ids ?? []) if (!this.#clientIds.includes(id)) this.#clientIds.push(id);
    if (chain !== undefined && this.#clientIds.includes(chain.current)) {
      this.#venueClOrdId = chain.current;
    }
  }

  /**
   * Every client ID the child has had, oldest first: its identity (`clOrdId`), then the one each
   * replace offered to a venue that may rename the order. Reports under any of them are its own.
   */
  get clientIds(): readonly string[] {
    return this.#clientIds;
  }

  /**
   * The client ID the venue knows the child by now: its identity until a report shows the venue
   * renamed it to a later one; a late report under an earlier one never takes it back.
   */
  get venueClOrdId(): string {
    return this.#venueClOrdId;
  }

  get status(): OrdStatus {
    return this.#status;
  }

  get quantity(): Decimal {
    return this.#quantity;
  }

  get limitPrice(): Decimal | undefined {
    return this.#limitPrice;
  }

  get cumQty(): Decimal {
    return this.#cum.cumQty;
  }

  get avgPx(): Decimal | undefined {
    return this.#cum.avgPx;
  }

  /** The request the venue has not answered yet, if any. */
  get pending(): PendingRequest | undefined {
    return pendingRequestOf(this.#status);
  }

  /**
   * Whether the pending request's outcome is unknown (an `unknown` report: its answer timed out,
   * or the venue's error means maybe): it may or may not have taken effect, so it is never sent
   * again; a later report, or the venue's answer to a status query, resolves it. Until then the
   * child counts as working with the request pending.
   */
  get unknown(): boolean {
    return this.#unknown !== undefined && this.#unknown === this.pending;
  }

  /** Whether the child can no longer trade on its own (a late fill may still be counted). */
  get terminal(): boolean {
    return isTerminal(this.#status);
  }

  /**
   * The most that may still fill: quantity minus cumQty, never negative; while a replace is
   * pending, the larger of the old and new quantities, since either may be live at the venue.
   */
  get openQty(): Decimal {
    if (this.terminal) return ZERO;
    const replaced = this.#replaceTo?.quantity;
    const most =
      replaced !== undefined && compare(replaced, this.#quantity) > 0 ? replaced : this.#quantity;
    const open = most.minus(this.#cum.cumQty);
    return sign(open) > 0 ? open : ZERO;
  }

  /** The client ID the pending replace offered a venue that renames orders, while one is pending. */
  get replaceId(): string | undefined {
    return this.#status === 'pending_replace' ? this.#replaceId : undefined;
  }

  /** The terms a pending replace asks for, while one is pending. */
  get replaceTo(): ChildRestore['replaceTo'] {
    const terms = this.#replaceTo;
    if (terms === undefined) return undefined;
    const { quantity, limitPrice } = terms;
    return limitPrice === undefined ? { quantity } : { quantity, limitPrice };
  }

  /** Whether the fill with this execId is counted already. */
  counted(execId: string): boolean {
    return this.#execIds.has(execId);
  }

  /** How many cancel requests the venue refused while the child stayed live. */
  get cancelRejections(): number {
    return this.#cancelRejections;
  }

  /** How many replace requests the venue refused while the child stayed live. */
  get replaceRejections(): number {
    return this.#replaceRejections;
  }

  /**
   * Moves to `pending_replace` and returns the request to send: a new total quantity and/or
   * limit, taking effect when the venue confirms, and the fresh client ID `newClOrdId` offered
   * to a venue that may rename the order (added to the child's IDs). Throws
   * IllegalTransitionError when not working.
   */
  requestReplace(
    change: { readonly quantity?: Decimal; readonly limitPrice?: Decimal },
    time: number,
    newClOrdId?: string,
  ): ChildReplaceRequest {
    if (change.quantity !== undefined && sign(change.quantity) <= 0) {
      throw new RangeError(`child ${this.clOrdId}: replace quantity must be positive`);
    }
    this.#status = this.#resolve(this.#target('request_replace'));
    this.#unknown = undefined;
    this.#replaceTo = {
      quantity: change.quantity ?? this.#quantity,
      limitPrice: change.limitPrice ?? this.#limitPrice,
    };
    this.#updatedAt = time;
    this.#replaceId = newClOrdId;
    if (newClOrdId === undefined) return { clOrdId: this.clOrdId, ...change };
    if (!this.#clientIds.includes(newClOrdId)) this.#clientIds.push(newClOrdId);
    return { clOrdId: this.clOrdId, newClOrdId, ...change };
  }

  /** Moves to `pending_cancel`; throws IllegalTransitionError when not working. */
  requestCancel(time: number): void {
    this.#status = this.#resolve(this.#target('request_cancel'));
    this.#unknown = undefined;
    this.#updatedAt = time;
  }

  /**
   * Applies a venue report: checks it names this child, then transitions and updates the figures.
   * Throws ChildReportError for a foreign or malformed report and IllegalTransitionError for one
   * the current state cannot take; either way the child is unchanged.
   */
  apply(report: Report): ChildApplied {
    this.#checkIdentity(report);
    const meaning = reportMeaning(report);
    if (meaning === 'status') return this.#unchanged('status', report);
    if (meaning === 'fill') return this.#applyFill(report);
    const target = this.#target(meaning);
    if (meaning === 'outcome_unknown') this.#unknown = this.pending;
    if (meaning === 'replaced' && this.#replaceTo !== undefined) {
      this.#quantity = this.#replaceTo.quantity;
      this.#limitPrice = this.#replaceTo.limitPrice;
    }
    if (meaning === 'cancel_rejected' && !isTerminal(this.#status)) this.#cancelRejections++;
    if (meaning === 'replace_rejected' && !isTerminal(this.#status)) this.#replaceRejections++;
    if (report.text !== undefined) this.#text = report.text;
    this.#settle(target, report);
    if (!isRefusal(meaning)) this.#renamed(report);
    return { event: meaning, status: this.#status, overfill: false };
  }

  /** The child as exo knows it now; absent fields are left out. */
  snapshot(): ChildSnapshot {
    const snapshot: Writable<ChildSnapshot> = {
      clOrdId: this.clOrdId,
      side: this.side,
      quantity: this.#quantity,
      timeInForce: this.timeInForce,
      status: this.#status,
      cumQty: this.#cum.cumQty,
      createdAt: this.createdAt,
      updatedAt: this.#updatedAt,
    };
    const pending = PENDING[this.#status];
    if (this.unknown) snapshot.unknown = true;
    if (this.#clientIds.length > 1) snapshot.clientIds = this.#clientIds.slice();
    if (this.#venueClOrdId !== this.clOrdId) snapshot.venueClOrdId = this.#venueClOrdId;
    if (this.#venueOrderId !== undefined) snapshot.venueOrderId = this.#venueOrderId;
    if (this.#limitPrice !== undefined) snapshot.limitPrice = this.#limitPrice;
    if (pending !== undefined) snapshot.pending = pending;
    if (this.#cum.avgPx !== undefined) snapshot.avgPx = this.#cum.avgPx;
    if (this.#text !== undefined) snapshot.text = this.#text;
    return snapshot;
  }

  /** What recovery saves of the child: enough for `restoreChild` to walk it back to this state. */
  save(): ChildRestore {
    return {
      request: {
        clOrdId: this.clOrdId,
        parentId: this.parentId,
        symbol: this.symbol,
        side: this.side,
        quantity: this.#quantity,
        ...(this.#limitPrice === undefined ? {} : { limitPrice: this.#limitPrice }),
        timeInForce: this.timeInForce,
      },
      status: this.#status,
      ...(this.#venueOrderId === undefined ? {} : { venueOrderId: this.#venueOrderId }),
      ...(this.#clientIds.length === 1
        ? {}
        : { clientIds: { ids: this.#clientIds.slice(), current: this.#venueClOrdId } }),
      ...(this.#replaceTo === undefined ? {} : { replaceTo: this.replaceTo }),
      ...(this.unknown ? { unknown: true } : {}),
      cancelRejections: this.#cancelRejections,
      replaceRejections: this.#replaceRejections,
      ...(this.#text === undefined ? {} : { text: this.#text }),
      createdAt: this.createdAt,
      updatedAt: this.#updatedAt,
    };
  }

  #applyFill(report: Report): ChildApplied {
    const { execId, lastQty, lastPx } = report;
    if (execId === undefined || execId === '') {
      throw new ChildReportError(this.clOrdId, 'fill without execId');
    }
    if (this.#execIds.has(execId)) return this.#unchanged('duplicate_fill', report);
    if (lastQty === undefined || sign(lastQty) <= 0) {
      throw new ChildReportError(this.clOrdId, `fill ${execId}: lastQty must be positive`);
    }
    if (lastPx === undefined || sign(lastPx) <= 0) {
      throw new ChildReportError(this.clOrdId, `fill ${execId}: lastPx must be positive`);
    }
    const cum = addFill(this.#cum, lastQty, lastPx);
    const versusQuantity = compare(cum.cumQty, this.#quantity);
    const event = versusQuantity >= 0 ? 'complete_fill' : 'partial_fill';
    const target = this.#target(event);
    this.#cum = cum;
    this.#execIds.add(execId);
    this.#settle(target, report);
    this.#renamed(report);
    const fill: FillRecord = {
      execId,
      clOrdId: this.clOrdId,
      qty: lastQty,
      px: lastPx,
      time: report.transactTime,
      ...(report.synthetic === true ? { synthetic: true } : {}),
    };
    return { event, status: this.#status, fill, overfill: versusQuantity > 0 };
  }

  /** The table's target for `event` in the current state, or throws; commits nothing. */
  #target(event: ChildEvent): ChildTarget {
    const target = transitionTarget(this.#status, event);
    if (target === undefined) throw new IllegalTransitionError(this.clOrdId, this.#status, event);
    return target;
  }

  /** Commits a report's transition: the status, identifiers and time. */
  #settle(target: ChildTarget, report: Report): void {
    this.#status = this.#resolve(target);
    if (this.#status !== 'pending_replace') this.#replaceTo = undefined;
    this.#noteReport(report);
  }

  /** A target as a status: `working` is filled, partially filled or new by the figures. */
  #resolve(target: ChildTarget): OrdStatus {
    if (target !== 'working') return target;
    const cumQty = this.#cum.cumQty;
    if (compare(cumQty, this.#quantity) >= 0) return 'filled';
    return sign(cumQty) > 0 ? 'partially_filled' : 'new';
  }

  #unchanged(event: 'status' | 'duplicate_fill', report: Report): ChildApplied {
    if (event === 'status') this.#noteReport(report);
    return { event, status: this.#status, overfill: false };
  }

  #noteReport(report: Report): void {
    const named = report.venueClOrdId ?? this.clOrdId;
    const current = named === this.#venueClOrdId;
    // A renamed order may have a new venue order ID too (Binance's cancelReplace makes one).
    if (report.venueOrderId !== undefined && (this.#venueOrderId === undefined || current)) {
      this.#venueOrderId = report.venueOrderId;
    }
    this.#updatedAt = Math.max(this.#updatedAt, report.transactTime);
  }

  /** A report under a later client ID than the current one: the venue renamed the order. */
  #renamed(report: Report): void {
    const named = report.venueClOrdId;
    if (named === undefined) return;
    const later = this.#clientIds.indexOf(named) > this.#clientIds.indexOf(this.#venueClOrdId);
    if (!later) return;
    this.#venueClOrdId = named;
    if (report.venueOrderId !== undefined) this.#venueOrderId = report.venueOrderId;
  }

  #checkIdentity(report: Report): void {
    if (report.clOrdId !== undefined && report.clOrdId !== this.clOrdId) {
      throw new ChildReportError(this.clOrdId, `report names another child, ${report.clOrdId}`);
    }
    if (report.orderId !== this.parentId) {
      throw new ChildReportError(this.clOrdId, `report names another order, ${report.orderId}`);
    }
    const known = this.#venueOrderId;
    // Once renamed, the venue may name the order by another venue order ID as well.
    const renamable = this.#clientIds.length > 1;
    if (
      !renamable &&
      known !== undefined &&
      report.venueOrderId !== undefined &&
      report.venueOrderId !== known
    ) {
      throw new ChildReportError(
        this.clOrdId,
        `report names venue order ${report.venueOrderId}, expected ${known}`,
      );
    }
  }
}
