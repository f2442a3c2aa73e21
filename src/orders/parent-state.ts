import type { Clock } from '../core/clock.js';
import { Decimal, ZERO } from '../market/decimal.js';
import { addFill, type Cumulative, NOTHING_FILLED } from '../market/fills.js';
import type { OrdStatus } from '../market/ord-status.js';
import type { Report } from '../market/report.js';
import type { Side } from '../market/side.js';
import type { TimeInForce } from '../market/time-in-force.js';
import type { ChildOrderRequest, ChildReplaceRequest } from '../venues/venue.js';
import { type ChildApplied, ChildOrder } from './child-order.js';
import { ChildReportError, IllegalTransitionError } from './child-order-errors.js';
import type { OrderEvent, OrderEventListener } from './order-event.js';
import type { FillRecord, ParentSnapshot } from './order-snapshot.js';
import type { ParentOrder } from './parent-order.js';
import type { ParentRestore } from './parent-restore.js';
import type { ParentView } from './parent-view.js';
import { replacedQuantity } from './replaced-quantity.js';
import { childNumber, fillsByClOrdId, restoreChild } from './restore-child.js';

/** What an algorithm asks for when it sends a child: size, price and time in force. */
export interface ChildTerms {
  readonly quantity: Decimal;
  /** Absent for a market order. */
  readonly limitPrice?: Decimal;
  readonly timeInForce: TimeInForce;
}

/** Where a parent's events go, and how it tells the time. */
export interface ParentStateOptions {
  readonly listener: OrderEventListener;
  readonly clock: Clock;
  /** Told when the listener throws; the state carries on either way, so bookkeeping never tears. */
  readonly onListenerError?: (error: unknown, event: OrderEvent) => void;
}

/** Where a working parent stands by its figures alone. */
type FilledStatus = Extract<OrdStatus, 'new' | 'partially_filled' | 'filled'>;

/** The final statuses a parent can end in. */
export type FinalStatus = Extract<OrdStatus, 'filled' | 'canceled' | 'rejected'>;

/** The child events a report announces, by what it meant (fills are booked apart). */
const CHILD_EVENT_KINDS: Partial<
  Record<
    ChildApplied['event'],
    'child_acknowledged' | 'child_replaced' | 'child_canceled' | 'child_rejected'
  >
> = {
  acknowledged: 'child_acknowledged',
  replaced: 'child_replaced',
  canceled: 'child_canceled',
  expired: 'child_canceled',
  rejected: 'child_rejected',
  cancel_rejected: 'child_rejected',
  replace_rejected: 'child_rejected',
};

/** A refused request is announced as `child_rejected` with the reason saying what was refused. */
const REFUSAL_PREFIXES: Partial<Record<ChildApplied['event'], string>> = {
  cancel_rejected: 'cancel refused: ',
  replace_rejected: 'replace refused: ',
};

/**
 * A parent order's bookkeeping: its current terms, its children, fills and figures. It applies
 * instructions and the venue's reports (routed to the child by clOrdId), and announces each change
 * as an OrderEvent with itself as the listener's view, so a snapshot is built only when asked for.
 * A surprising report becomes an `error` event, never a throw. Child client order IDs are
 * `<orderId>-<n>`, counted from 1.
 */
export class ParentState implements ParentView {
  readonly orderId: string;
  readonly side: Side;
  readonly symbol: string;
  readonly algo: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly createdAt: number;
  readonly #options: ParentStateOptions;
  readonly #children = new Map<string, ChildOrder>();
  readonly #fills: FillRecord[] = [];
  #quantity: Decimal;
  #limitPrice: Decimal | undefined;
  #cum: Cumulative = NOTHING_FILLED;
  /** Leaves and the filled status, worked out when quantity or fills change, not on every read. */
  #leaves: Decimal;
  #filledStatus: FilledStatus = 'new';
  #accepted = false;
  #cancelRequested = false;
  #final: FinalStatus | undefined;
  #text: string | undefined;
  #updatedAt: number;
  #sent = 0;

  /** A new parent; `createdAt` is now unless given (a restored parent keeps its own). */
  constructor(order: ParentOrder, options: ParentStateOptions, createdAt = options.clock.now()) {
    this.orderId = order.orderId;
    this.side = order.side;
    this.symbol = order.symbol;
    this.algo = order.algo;
    this.params = order.params;
    this.#quantity = order.quantity;
    this.#limitPrice = order.limitPrice;
    this.#leaves = order.quantity;
    this.#options = options;
    this.createdAt = createdAt;
    this.#updatedAt = this.createdAt;
  }

  /**
   * A parent that was live before a restart, rebuilt from what recovery saved: accepted, with its
   * terms, its children (each walked through its own state machine), its fills and figures. It
   * announces nothing until it changes; child IDs continue after the highest one saved.
   */
  static restore(saved: ParentRestore, options: ParentStateOptions): ParentState {
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
    const working: ChildOrder[] = [];
    for (const child of this.#children.values()) if (!child.terminal) working.push(child);
    return working;
  }

  /** When the latest child was sent (before a restart too), or undefined while none has been. */
  lastChildSentAt(): number | undefined {
    let latest: number | undefined;
    for (const child of this.#children.values()) latest = child.createdAt;
    return latest;
  }

  /** Marks the order accepted and announces it. */
  accept(): void {
    this.#accepted = true;
    this.#emit({ kind: 'accepted', orderId: this.orderId, time: this.#stamp() });
  }

  /**
   * Takes a replace instruction's quantity and limit (an absent limit keeps the current one).
   * A quantity below what has filled becomes cumQty: "fill what's filled, done". Returns false,
   * after an `error` event, when the new terms are not positive decimals.
   */
  replace(instruction: ParentOrder): boolean {
    const { quantity, limitPrice } = instruction;
    if (!(quantity instanceof Decimal) || !quantity.gt(ZERO)) {
      this.error('replace refused: quantity must be a positive decimal');
      return false;
    }
    if (limitPrice !== undefined && (!(limitPrice instanceof Decimal) || !limitPrice.gt(ZERO))) {
      this.error('replace refused: limitPrice must be a positive decimal');
      return false;
    }
    this.#quantity = replacedQuantity(quantity, this.#cum.cumQty);
    if (limitPrice !== undefined) this.#limitPrice = limitPrice;
    this.#refigure();
    this.#emit({
      kind: 'replaced',
      quantity: this.#quantity,
      ...(this.#limitPrice === undefined ? {} : { limitPrice: this.#limitPrice }),
      orderId: this.orderId,
      time: this.#stamp(),
    });
    return true;
  }

  /** Announces that the order was restored after a restart (see `ParentState.restore`). */
  announceRestored(): void {
    this.#emit({ kind: 'restored', orderId: this.orderId, time: this.#stamp() });
  }

  /** Records a cancel instruction; the algorithm then winds its children down. */
  requestCancel(): void {
    this.#cancelRequested = true;
    this.#emit({ kind: 'cancel_requested', orderId: this.orderId, time: this.#stamp() });
  }

  /** Registers a new child `<orderId>-<n>`, announces it, and returns the request to send. */
  sendChild(terms: ChildTerms): ChildOrderRequest {
    const request: ChildOrderRequest = {
      clOrdId: `${this.orderId}-${++this.#sent}`,
      parentId: this.orderId,
      symbol: this.symbol,
      side: this.side,
      quantity: terms.quantity,
      ...(terms.limitPrice === undefined ? {} : { limitPrice: terms.limitPrice }),
      timeInForce: terms.timeInForce,
    };
    const child = new ChildOrder(request, this.#options.clock.now());
    this.#children.set(request.clOrdId, child);
    this.#emit({
      kind: 'child_sent',
      child: child.snapshot(),
      orderId: this.orderId,
      time: this.#stamp(),
    });
    return request;
  }

  /** Asks to amend a working child; throws IllegalTransitionError if it has a request pending. */
  replaceChild(
    child: ChildOrder,
    change: { readonly quantity?: Decimal; readonly limitPrice?: Decimal },
  ): ChildReplaceRequest {
    const request = child.requestReplace(change, this.#options.clock.now());
    this.#emit({
      kind: 'child_replace_sent',
      child: child.snapshot(),
      orderId: this.orderId,
      time: this.#stamp(),
    });
    return request;
  }

  /** Asks to cancel a working child; throws IllegalTransitionError if it has a request pending. */
  cancelChild(child: ChildOrder): void {
    child.requestCancel(this.#options.clock.now());
    this.#emit({
      kind: 'child_cancel_sent',
      child: child.snapshot(),
      orderId: this.orderId,
      time: this.#stamp(),
    });
  }

  /**
   * Applies a venue report to the child it names and books any fill. A report for an unknown
   * child, or one the child refuses, becomes an `error` event and returns undefined.
   */
  applyReport(report: Report): ChildApplied | undefined {
    const child = report.clOrdId === undefined ? undefined : this.#children.get(report.clOrdId);
    if (child === undefined) {
      const what = report.execType ?? report.status;
      this.error(`${what} report for unknown child ${report.clOrdId ?? '(no clOrdId)'}`);
      return undefined;
    }
    let applied: ChildApplied;
    try {
      applied = child.apply(report);
    } catch (error) {
      if (!(error instanceof IllegalTransitionError || error instanceof ChildReportError)) {
        throw error;
      }
      this.error(error.message);
      return undefined;
    }
    this.#announce(child, applied, report);
    return applied;
  }

  /** Ends the order in a final status and announces it (`rejected` first, then `done`). */
  finish(status: FinalStatus, text?: string): void {
    if (this.#final !== undefined) return;
    this.#final = status;
    if (text !== undefined) this.#text = text;
    if (status === 'rejected')
      this.#emit({
        kind: 'rejected',
        reason: text ?? 'rejected',
        orderId: this.orderId,
        time: this.#stamp(),
      });
    this.#emit({ kind: 'done', status, orderId: this.orderId, time: this.#stamp() });
  }

  /** Announces something surprising that the order carries on past. */
  error(message: string): void {
    this.#emit({ kind: 'error', message, orderId: this.orderId, time: this.#stamp() });
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
      status: this.status,
      cumQty: this.#cum.cumQty,
      ...(this.#cum.avgPx === undefined ? {} : { avgPx: this.#cum.avgPx }),
      leavesQty: this.leavesQty,
      children: [...this.#children.values()].map((child) => child.snapshot()),
      fills: this.#fills.slice(),
      createdAt: this.createdAt,
      updatedAt: this.#updatedAt,
      ...(this.#text === undefined ? {} : { text: this.#text }),
      ...(this.#cum.cumQty.gt(this.#quantity) ? { overfilled: true } : {}),
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
      this.#children.set(clOrdId, restoreChild(child, fillsByChild.get(clOrdId) ?? []));
      this.#sent = Math.max(this.#sent + 1, childNumber(this.orderId, clOrdId));
    }
    this.#refigure();
    this.#updatedAt = saved.updatedAt;
  }

  #announce(child: ChildOrder, applied: ChildApplied, report: Report): void {
    if (applied.event === 'partial_fill' || applied.event === 'complete_fill') {
      this.#bookFill(child, applied);
      return;
    }
    const kind = CHILD_EVENT_KINDS[applied.event];
    if (kind === undefined) return;
    const snapshot = child.snapshot();
    if (kind !== 'child_rejected') {
      this.#emit({ kind, child: snapshot, orderId: this.orderId, time: this.#stamp() });
      return;
    }
    const reason = report.text ?? 'no reason given';
    const prefix = REFUSAL_PREFIXES[applied.event] ?? '';
    this.#emit({
      kind,
      child: snapshot,
      reason: `${prefix}${reason}`,
      orderId: this.orderId,
      time: this.#stamp(),
    });
  }

  #bookFill(child: ChildOrder, applied: ChildApplied): void {
    const fill = applied.fill;
    if (fill === undefined) return;
    this.#fills.push(fill);
    this.#cum = addFill(this.#cum, fill.qty, fill.px);
    this.#refigure();
    this.#emit({ kind: 'fill', fill, orderId: this.orderId, time: this.#stamp() });
    if (applied.overfill) {
      this.error(
        `child ${child.clOrdId} overfilled: cumQty ${child.cumQty.toFixed()} > quantity ${child.quantity.toFixed()}`,
      );
    }
    if (this.allFilled && this.#cum.cumQty.gt(this.#quantity)) {
      this.error(
        `order overfilled: cumQty ${this.#cum.cumQty.toFixed()} > quantity ${this.#quantity.toFixed()}`,
      );
    }
  }

  /** Works out leaves and the filled status after quantity or fills changed. */
  #refigure(): void {
    const cumQty = this.#cum.cumQty;
    if (cumQty.gte(this.#quantity)) {
      this.#leaves = ZERO;
      this.#filledStatus = 'filled';
    } else {
      this.#leaves = this.#quantity.minus(cumQty);
      this.#filledStatus = cumQty.gt(ZERO) ? 'partially_filled' : 'new';
    }
  }

  /** The time of an event happening now, which is also when the order was last updated. */
  #stamp(): number {
    this.#updatedAt = this.#options.clock.now();
    return this.#updatedAt;
  }

  #emit(event: OrderEvent): void {
    try {
      this.#options.listener(event, this);
    } catch (error) {
      this.#options.onListenerError?.(error, event);
    }
  }
}
