import type { Clock } from '../core/clock.js';
import { compare, Decimal, sign, ZERO } from '../market/decimal.js';
import { extended } from '../market/extended.js';
import { addFill, type Cumulative, NOTHING_FILLED } from '../market/fills.js';
import type { OrdStatus } from '../market/ord-status.js';
import type { Report } from '../market/report.js';
import type { Side } from '../market/side.js';
import type { TimeInForce } from '../market/time-in-force.js';
import { childClOrdId, childNumber, MAX_CHILD_NUMBER } from '../venues/child-id.js';
import { ClientIdError, type ClientIdRules, clientIdProblem } from '../venues/client-id-format.js';
import type { ChildOrderRequest, ChildReplaceRequest } from '../venues/venue.js';
import { type ChildApplied, ChildOrder } from './child-order.js';
import { ChildReportError, IllegalTransitionError } from './child-order-errors.js';
import { transitionTarget } from './child-order-transitions.js';
import type { OrderEvent, OrderEventListener } from './order-event.js';
import type { FillRecord, ParentSnapshot } from './order-snapshot.js';
import type { ChildChange, FinalStatus, ParentEvent } from './parent-event.js';
import type { ParentOrder } from './parent-order.js';
import type { ParentRestore } from './parent-restore.js';
import type { ParentView } from './parent-view.js';
import { replacedQuantity } from './replaced-quantity.js';
import { fillsByClOrdId, restoreChild } from './restore-child.js';

/** What an algorithm asks for when it sends a child: size, price and time in force. */
export interface ChildTerms {
  readonly quantity: Decimal;
  /** Absent for a market order. */
  readonly limitPrice?: Decimal;
  readonly timeInForce: TimeInForce;
}

/**
 * Where a parent's announcements go, and how a live parent tells the time. A parent rebuilt from
 * the journal has neither: it announces nothing, and every event it applies carries its time.
 */
export interface ParentStateOptions {
  readonly listener?: OrderEventListener;
  readonly clock?: Clock;
  /** Told when the listener throws; the state carries on either way, so bookkeeping never tears. */
  readonly onListenerError?: (error: unknown, event: OrderEvent) => void;
  /** The venue's client-ID rules (see Venue.clientIds): each new ID is checked against them. */
  readonly clientIds?: ClientIdRules;
}

/** Where a working parent stands by its figures alone. */
type FilledStatus = Extract<OrdStatus, 'new' | 'partially_filled' | 'filled'>;

/** The child events a report announces, by what it meant (fills are booked apart). */
const CHILD_EVENT_KINDS: Partial<
  Record<
    ChildApplied['event'],
    'child_acknowledged' | 'child_replaced' | 'child_canceled' | 'child_rejected' | 'child_unknown'
  >
> = {
  acknowledged: 'child_acknowledged',
  replaced: 'child_replaced',
  canceled: 'child_canceled',
  expired: 'child_canceled',
  rejected: 'child_rejected',
  cancel_rejected: 'child_rejected',
  replace_rejected: 'child_rejected',
  outcome_unknown: 'child_unknown',
};

/** A refused request is announced as `child_rejected` with the reason saying what was refused. */
const REFUSAL_PREFIXES: Partial<Record<ChildApplied['event'], string>> = {
  cancel_rejected: 'cancel refused: ',
  replace_rejected: 'replace refused: ',
};

/**
 * A parent order's one model: its current terms, its children, fills and figures. Every change is
 * a ParentEvent, and `apply` holds each parent rule once: the live order applies events as they
 * happen (through the methods below, which stamp them with the clock), recovery applies the
 * journal's rows as read. Each change is announced as an OrderEvent with the state itself as the
 * listener's view, so a snapshot is built only when asked for. A surprising report becomes an
 * `error` event, never a throw. Child client order IDs are `<orderId>-<n>` (n in base 36, see
 * childClOrdId), counted from 1 and never reused, and checked against the venue's format.
 */
export class ParentState implements ParentView {
  readonly orderId: string;
  readonly side: Side;
  readonly symbol: string;
  readonly algo: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly clientOrderId: string | undefined;
  readonly createdAt: number;
  readonly #options: ParentStateOptions;
  readonly #children = new Map<string, ChildOrder>();
  /**
   * The children not terminal, in send order: kept by `#keep` wherever a child is added or changes,
   * so asking for them costs what is working, not every child ever sent. Keyed like `#children`,
   * so it holds them in the same order; a terminal child never works again (the transition table
   * has no way back), so a deletion is final.
   */
  readonly #working = new Map<string, ChildOrder>();
  readonly #fills: FillRecord[] = [];
  #quantity: Decimal;
  #limitPrice: Decimal | undefined;
  #cum: Cumulative = NOTHING_FILLED;
  /** Leaves and the filled status, worked out when quantity or fills change, not on every read. */
  #leaves: Decimal;
  #filledStatus: FilledStatus = 'new';
  #accepted = false;
  #cancelRequested = false;
  #final: OrdStatus | undefined;
  #text: string | undefined;
  #updatedAt: number;
  #sent = 0;

  /**
   * A new parent, not yet accepted; `createdAt` is the order's instruction time, else the clock's
   * now, unless given (a restored or replayed parent keeps its own).
   */
  constructor(order: ParentOrder, options: ParentStateOptions = {}, createdAt?: number) {
    this.orderId = order.orderId;
    this.side = order.side;
    this.symbol = order.symbol;
    this.algo = order.algo;
    this.params = order.params;
    this.clientOrderId = order.clientOrderId;
    this.#quantity = order.quantity;
    this.#limitPrice = order.limitPrice;
    this.#leaves = order.quantity;
    this.#options = options;
    this.createdAt = createdAt ?? order.time ?? this.#now();
    this.#updatedAt = this.createdAt;
  }

  /**
   * A parent as its `new` instruction leaves it at `time`: accepted, nothing sent or filled. What
   * the order list shows before the delegate runs, and where a replay of the journal starts.
   */
  static accepted(order: ParentOrder, time: number, options: ParentStateOptions = {}): ParentState {
    const state = new ParentState(order, options, time);
    state.apply({ kind: 'instruction_accepted', time, instruction: order });
    return state;
  }

  /**
   * A parent that was live before a restart, rebuilt from what recovery saved: accepted, with its
   * terms, its children (each walked through its own state machine), its fills and figures. It
   * announces nothing until it changes; child IDs continue after the highest one saved.
   */
  static restore(saved: ParentRestore, options: ParentStateOptions = {}): ParentState {
    const state = new ParentState(saved.order, options, saved.createdAt);
    state.#load(saved);
    return state;
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

  /** Quantity minus cumQty, never negative. */
  get leavesQty(): Decimal {
    return this.#leaves;
  }

  /** Whether nothing is left to fill: leavesQty is zero (a cheaper question than comparing it). */
  get allFilled(): boolean {
    return this.#filledStatus === 'filled';
  }

  /**
   * Where the parent stands: pending_new until accepted, pending_cancel once a cancel is asked,
   * then new, partially_filled or filled by its figures, until it ends in a final status.
   */
  get status(): OrdStatus {
    if (this.#final !== undefined) return this.#final;
    if (!this.#accepted) return 'pending_new';
    if (this.#cancelRequested) return 'pending_cancel';
    return this.#filledStatus;
  }

  /** Whether the parent has ended (filled, canceled or rejected) and announced `done`. */
  get done(): boolean {
    return this.#final !== undefined;
  }

  get cancelRequested(): boolean {
    return this.#cancelRequested;
  }

  /** The child with this client order ID, if this parent sent it. */
  child(clOrdId: string): ChildOrder | undefined {
    return this.#children.get(clOrdId);
  }

  /** The children still able to trade, oldest first. */
  workingChildren(): ChildOrder[] {
    return [...this.#working.values()];
  }

  /** When the latest child was sent (before a restart too), or undefined while none has been. */
  lastChildSentAt(): number | undefined {
    let latest: number | undefined;
    for (const child of this.#children.values()) latest = child.createdAt;
    return latest;
  }

  /**
   * Applies one event; every parent rule is here. Instructions: `new` accepts once; a replace
   * takes new terms (quantity clamped to what filled, an absent limit keeps the current one)
   * unless a cancel is pending; a cancel is asked once; none changes a parent that has ended. A
   * refusal undoes what its instruction did. Child requests go through the child's transition
   * table and throw IllegalTransitionError when it forbids them (exo asked for something its own
   * state rules out). A venue report goes to the child it names, and its fill is booked once per
   * execId: a report for an unknown child or one the child refuses is an `error` event. Returns
   * what a venue report did to its child (undefined for other events, or a report refused).
   */
  apply(event: ParentEvent): ChildApplied | undefined {
    switch (event.kind) {
      case 'instruction_accepted':
        this.#instruct(event.instruction, event.time);
        return undefined;
      case 'instruction_refused':
        this.#refused(event);
        return undefined;
      case 'child_intent':
        this.#intend(event.request, event.time);
        return undefined;
      case 'child_replace': {
        const { newClOrdId } = event;
        this.#childRequest(event.clOrdId, event.time, 'child_replace_sent', (child) =>
          child.requestReplace(event.change, event.time, newClOrdId),
        );
        if (newClOrdId !== undefined) this.#numbered(newClOrdId);
        return undefined;
      }
      case 'child_cancel':
        this.#childRequest(event.clOrdId, event.time, 'child_cancel_sent', (child) =>
          child.requestCancel(event.time),
        );
        return undefined;
      case 'venue_report':
        return this.#report(event.report, event.time);
      case 'order_completed':
        this.#finish(event.status, event.text, event.time);
        return undefined;
    }
  }

  /** Applies an instruction at its own time (its journal row's), else now (see `apply`). */
  instruct(instruction: ParentOrder): void {
    const time = instruction.time ?? this.#now();
    this.apply({ kind: 'instruction_accepted', time, instruction });
  }

  /** Accepts the order on the terms it was created with: its `new` instruction, now. */
  accept(): void {
    this.instruct(extended(this.#terms(), { msgType: 'new' }));
  }

  /** Announces that the order was restored after a restart (see `ParentState.restore`). */
  announceRestored(): void {
    this.#emit({ kind: 'restored', orderId: this.orderId, time: this.#now() });
  }

  /**
   * Registers a new child `<orderId>-<n>` now, announces it, and returns the request to send,
   * stamped with that time (its intent is journaled with it). Throws ClientIdError, changing
   * nothing, when the ID would not fit the venue's format or the parent has used every number.
   */
  sendChild(terms: ChildTerms): ChildOrderRequest {
    const time = this.#now();
    const request: ChildOrderRequest = {
      clOrdId: this.#nextClientId(),
      parentId: this.orderId,
      symbol: this.symbol,
      side: this.side,
      quantity: terms.quantity,
      ...(terms.limitPrice === undefined ? {} : { limitPrice: terms.limitPrice }),
      timeInForce: terms.timeInForce,
      time,
    };
    this.apply({ kind: 'child_intent', time, request });
    return request;
  }

  /**
   * Asks to amend a working child now and returns the request, stamped with that time; throws
   * IllegalTransitionError if the child has a request pending. For a venue whose replaces may
   * rename the order, the request offers the next unused child ID (`newClOrdId`), checked like a
   * new child's (ClientIdError, changing nothing, when it would not fit).
   */
  replaceChild(child: ChildOrder, change: ChildChange): ChildReplaceRequest {
    const time = this.#now();
    // No ID is spent on a replace the child's state machine refuses (it throws below).
    const renames =
      (this.#options.clientIds?.renamesOnReplace ?? false) !== false &&
      transitionTarget(child.status, 'request_replace') !== undefined;
    const newClOrdId = renames ? this.#nextClientId() : undefined;
    this.apply({
      kind: 'child_replace',
      time,
      clOrdId: child.clOrdId,
      change,
      ...(newClOrdId === undefined ? {} : { newClOrdId }),
    });
    return {
      clOrdId: child.clOrdId,
      ...(newClOrdId === undefined ? {} : { newClOrdId }),
      ...change,
      time,
      cumQty: child.cumQty,
    };
  }

  /**
   * Asks to cancel a working child now and returns that time; throws IllegalTransitionError if
   * the child has a request pending.
   */
  cancelChild(child: ChildOrder): number {
    const time = this.#now();
    this.apply({ kind: 'child_cancel', time, clOrdId: child.clOrdId });
    return time;
  }

  /** Applies a venue report now (see `apply`). */
  applyReport(report: Report): ChildApplied | undefined {
    return this.apply({ kind: 'venue_report', time: this.#now(), report });
  }

  /** Ends the order now in a final status and announces it (`rejected` first, then `done`). */
  finish(status: FinalStatus, text?: string): void {
    this.apply({
      kind: 'order_completed',
      time: this.#now(),
      status,
      ...(text === undefined ? {} : { text }),
    });
  }

  /** Announces something surprising that the order carries on past. */
  error(message: string): void {
    this.#error(message, this.#now());
  }

  /** The parent's whole state now: what the store keeps and the API shows. */
  snapshot(): ParentSnapshot {
    return {
      orderId: this.orderId,
      side: this.side,
      symbol: this.symbol,
      quantity: this.#quantity,
      ...(this.#limitPrice === undefined ? {} : { limitPrice: this.#limitPrice }),
      algo: this.algo,
      params: this.params,
      ...(this.clientOrderId === undefined ? {} : { clientOrderId: this.clientOrderId }),
      status: this.status,
      cumQty: this.#cum.cumQty,
      ...(this.#cum.avgPx === undefined ? {} : { avgPx: this.#cum.avgPx }),
      leavesQty: this.leavesQty,
      children: [...this.#children.values()].map((child) => child.snapshot()),
      fills: this.#fills.slice(),
      createdAt: this.createdAt,
      updatedAt: this.#updatedAt,
      ...(this.#text === undefined ? {} : { text: this.#text }),
      ...(compare(this.#cum.cumQty, this.#quantity) > 0 ? { overfilled: true } : {}),
    };
  }

  /** What recovery saves of a live parent: what `ParentState.restore` brings back. */
  save(): ParentRestore {
    return {
      order: extended(this.#terms(), { msgType: 'new' }),
      cancelRequested: this.#cancelRequested,
      children: Array.from(this.#children.values(), (child) => child.save()),
      fills: this.#fills.slice(),
      createdAt: this.createdAt,
      updatedAt: this.#updatedAt,
    };
  }

  /** Notes a client ID the parent used, so that no later one repeats it. */
  #numbered(clOrdId: string): void {
    this.#sent = Math.max(this.#sent, childNumber(this.orderId, clOrdId));
  }

  /** The next unused child ID, checked against the venue's format; throws ClientIdError. */
  #nextClientId(): string {
    const n = this.#sent + 1;
    if (n > MAX_CHILD_NUMBER) {
      throw new ClientIdError(`order ${this.orderId} has used all ${MAX_CHILD_NUMBER} child IDs`);
    }
    const clOrdId = childClOrdId(this.orderId, n);
    const format = this.#options.clientIds?.format;
    const problem = format === undefined ? undefined : clientIdProblem(format, clOrdId);
    if (problem !== undefined) throw new ClientIdError(problem);
    return clOrdId;
  }

  #instruct(instruction: ParentOrder, time: number): void {
    if (this.#final !== undefined) return;
    switch (instruction.msgType) {
      case 'new':
        if (this.#accepted) return;
        this.#accepted = true;
        this.#emit({ kind: 'accepted', orderId: this.orderId, time });
        return;
      case 'replace':
        if (!this.#cancelRequested) this.#replace(instruction, time);
        return;
      case 'cancel':
        if (this.#cancelRequested) return;
        this.#cancelRequested = true;
        this.#emit({ kind: 'cancel_requested', orderId: this.orderId, time });
        return;
    }
  }

  #replace({ quantity, limitPrice }: ParentOrder, time: number): void {
    if (!(quantity instanceof Decimal) || sign(quantity) <= 0) {
      this.#error('replace refused: quantity must be a positive decimal', time);
      return;
    }
    if (limitPrice !== undefined && (!(limitPrice instanceof Decimal) || sign(limitPrice) <= 0)) {
      this.#error('replace refused: limitPrice must be a positive decimal', time);
      return;
    }
    this.#quantity = replacedQuantity(quantity, this.#cum.cumQty);
    if (limitPrice !== undefined) this.#limitPrice = limitPrice;
    this.#refigure();
    this.#emit({
      kind: 'replaced',
      quantity: this.#quantity,
      ...(this.#limitPrice === undefined ? {} : { limitPrice: this.#limitPrice }),
      orderId: this.orderId,
      time,
    });
  }

  /**
   * Only the journal holds refusals (the live order never saw the refused instruction). One
   * journaled after the order completed changes nothing the order shows but its terms: the live
   * order ended at its completion and was never touched again.
   */
  #refused(event: Extract<ParentEvent, { kind: 'instruction_refused' }>): void {
    if (event.msgType === 'cancel') {
      this.#cancelRequested = false;
    } else if (event.terms !== undefined) {
      this.#quantity = event.terms.quantity;
      this.#limitPrice = event.terms.limitPrice;
      this.#refigure();
    } else {
      return;
    }
    if (this.#final === undefined) this.#updatedAt = event.time;
  }

  /** A child about to be sent; a second intent for the same clOrdId changes nothing. */
  #intend(request: ChildOrderRequest, time: number): void {
    if (this.#children.has(request.clOrdId)) return;
    const child = new ChildOrder(request, time);
    this.#children.set(request.clOrdId, child);
    this.#keep(child);
    this.#numbered(request.clOrdId);
    this.#emit({ kind: 'child_sent', child: child.snapshot(), orderId: this.orderId, time });
  }

  #childRequest(
    clOrdId: string,
    time: number,
    kind: 'child_replace_sent' | 'child_cancel_sent',
    request: (child: ChildOrder) => unknown,
  ): void {
    const child = this.#children.get(clOrdId);
    if (child === undefined) {
      this.#error(`request for unknown child ${clOrdId}`, time);
      return;
    }
    request(child);
    this.#keep(child);
    this.#emit({ kind, child: child.snapshot(), orderId: this.orderId, time });
  }

  #report(report: Report, time: number): ChildApplied | undefined {
    const child = report.clOrdId === undefined ? undefined : this.#children.get(report.clOrdId);
    if (child === undefined) {
      const what = report.execType ?? report.status;
      this.#error(`${what} report for unknown child ${report.clOrdId ?? '(no clOrdId)'}`, time);
      return undefined;
    }
    let applied: ChildApplied;
    try {
      applied = child.apply(
        this.#earlierReplace(child, report) ? extended(report, { execType: 'status' }) : report,
      );
    } catch (error) {
      if (!(error instanceof IllegalTransitionError || error instanceof ChildReportError)) {
        throw error;
      }
      this.#error(error.message, time);
      return undefined;
    }
    this.#keep(child);
    this.#announce(child, applied, report, time);
    return applied;
  }

  /**
   * Whether a `replaced` report tells of a replace before the pending one, at a venue that names
   * every replace anew: it names the ID already current, not the pending replace's. Applied as
   * the status it is; taken for the pending replace's answer, it would end that replace while the
   * venue still works on it (and refuses cancels meanwhile).
   */
  #earlierReplace(child: ChildOrder, report: Report): boolean {
    return (
      report.execType === 'replaced' &&
      this.#options.clientIds?.renamesOnReplace === 'always' &&
      child.replaceId !== undefined &&
      report.venueClOrdId !== undefined &&
      report.venueClOrdId !== child.replaceId &&
      report.venueClOrdId === child.venueClOrdId
    );
  }

  #finish(status: OrdStatus, text: string | undefined, time: number): void {
    if (this.#final !== undefined) return;
    this.#final = status;
    if (text !== undefined) this.#text = text;
    if (status === 'rejected')
      this.#emit({ kind: 'rejected', reason: text ?? 'rejected', orderId: this.orderId, time });
    this.#emit({ kind: 'done', status, orderId: this.orderId, time });
  }

  /** The order's identity with its current terms. */
  #terms(): Omit<ParentOrder, 'msgType'> {
    return {
      orderId: this.orderId,
      side: this.side,
      symbol: this.symbol,
      quantity: this.#quantity,
      ...(this.#limitPrice === undefined ? {} : { limitPrice: this.#limitPrice }),
      algo: this.algo,
      params: this.params,
      ...(this.clientOrderId === undefined ? {} : { clientOrderId: this.clientOrderId }),
    };
  }

  #load(saved: ParentRestore): void {
    this.#accepted = true;
    this.#cancelRequested = saved.cancelRequested;
    for (const fill of saved.fills) {
      this.#fills.push(fill);
      this.#cum = addFill(this.#cum, fill.qty, fill.px);
    }
    const fillsByChild = fillsByClOrdId(saved.fills);
    for (const child of saved.children) {
      const { clOrdId } = child.request;
      const restored = restoreChild(child, fillsByChild.get(clOrdId) ?? []);
      this.#children.set(clOrdId, restored);
      this.#keep(restored);
      this.#sent = Math.max(this.#sent + 1, childNumber(this.orderId, clOrdId));
      for (const id of child.clientIds?.ids ?? []) this.#numbered(id);
    }
    this.#refigure();
    this.#updatedAt = saved.updatedAt;
  }

  #announce(child: ChildOrder, applied: ChildApplied, report: Report, time: number): void {
    if (applied.event === 'partial_fill' || applied.event === 'complete_fill') {
      this.#bookFill(child, applied, time);
      return;
    }
    const kind = CHILD_EVENT_KINDS[applied.event];
    if (kind === undefined) return;
    const snapshot = child.snapshot();
    const reason = report.text ?? 'no reason given';
    if (kind === 'child_unknown') {
      this.#emit({ kind, child: snapshot, reason, orderId: this.orderId, time });
      return;
    }
    if (kind !== 'child_rejected') {
      this.#emit({ kind, child: snapshot, orderId: this.orderId, time });
      return;
    }
    const prefix = REFUSAL_PREFIXES[applied.event] ?? '';
    this.#emit({
      kind,
      child: snapshot,
      reason: `${prefix}${reason}`,
      orderId: this.orderId,
      time,
    });
  }

  #bookFill(child: ChildOrder, applied: ChildApplied, time: number): void {
    const fill = applied.fill;
    if (fill === undefined) return;
    this.#fills.push(fill);
    this.#cum = addFill(this.#cum, fill.qty, fill.px);
    this.#refigure();
    this.#emit({ kind: 'fill', fill, orderId: this.orderId, time });
    if (applied.overfill) {
      this.#error(
        `child ${child.clOrdId} overfilled: cumQty ${child.cumQty.toFixed()} > quantity ${child.quantity.toFixed()}`,
        time,
      );
    }
    if (this.allFilled && compare(this.#cum.cumQty, this.#quantity) > 0) {
      this.#error(
        `order overfilled: cumQty ${this.#cum.cumQty.toFixed()} > quantity ${this.#quantity.toFixed()}`,
        time,
      );
    }
  }

  /**
   * Files a child that was just added or changed among the working or not: the one place
   * `#working` changes. A child working already keeps its place (send order).
   */
  #keep(child: ChildOrder): void {
    if (child.terminal) this.#working.delete(child.clOrdId);
    else this.#working.set(child.clOrdId, child);
  }

  /** Works out leaves and the filled status after quantity or fills changed. */
  #refigure(): void {
    const cumQty = this.#cum.cumQty;
    if (compare(cumQty, this.#quantity) >= 0) {
      this.#leaves = ZERO;
      this.#filledStatus = 'filled';
    } else {
      this.#leaves = this.#quantity.minus(cumQty);
      this.#filledStatus = sign(cumQty) > 0 ? 'partially_filled' : 'new';
    }
  }

  #error(message: string, time: number): void {
    this.#emit({ kind: 'error', message, orderId: this.orderId, time });
  }

  /** The time of something happening now, for a live parent. */
  #now(): number {
    const clock = this.#options.clock;
    if (clock === undefined)
      throw new Error(`order ${this.orderId}: a replayed parent has no clock`);
    return clock.now();
  }

  /** An event's time is when the order was last updated; the listener, if any, hears it. */
  #emit(event: OrderEvent): void {
    this.#updatedAt = event.time;
    const listener = this.#options.listener;
    if (listener === undefined) return;
    try {
      listener(event, this);
    } catch (error) {
      this.#options.onListenerError?.(error, event);
    }
  }
}
