import { compare, type Decimal, ZERO } from '../../market/decimal.js';
import type { ExecType } from '../../market/exec-type.js';
import { addFill, type Cumulative, type Fill, NOTHING_FILLED } from '../../market/fills.js';
import { isTerminal, type OrdStatus } from '../../market/ord-status.js';
import type { Report } from '../../market/report.js';
import type { Side } from '../../market/side.js';
import type { TimeInForce } from '../../market/time-in-force.js';
import type { ChildOrderRequest } from '../venue.js';

/** A child order as the paper venue's ledger shows it. */
export interface PaperOrderRecord {
  readonly venueOrderId: string;
  readonly clOrdId: string;
  readonly parentId: string;
  readonly symbol: string;
  readonly side: Side;
  readonly quantity: Decimal;
  readonly limitPrice?: Decimal;
  readonly timeInForce: TimeInForce;
  readonly status: OrdStatus;
  readonly cumQty: Decimal;
  readonly avgPx?: Decimal;
  readonly leavesQty: Decimal;
  readonly createdAt: number;
  readonly updatedAt: number;
  /** Why it was rejected or cancelled. */
  readonly text?: string;
}

/**
 * One child order inside the paper venue: its current terms, its status and its fills so far,
 * and the reports that describe it. Only the venue changes it, and only through these methods.
 */
export class PaperOrder {
  readonly request: ChildOrderRequest;
  readonly venueOrderId: string;
  readonly createdAt: number;
  #quantity: Decimal;
  #limitPrice: Decimal | undefined;
  #status: OrdStatus = 'new';
  #filled: Cumulative = NOTHING_FILLED;
  #updatedAt: number;
  #text: string | undefined;
  /** Time priority among resting orders at one price: lower goes first; see keepsPriority for replaces. */
  priority: number;

  constructor(request: ChildOrderRequest, venueOrderId: string, time: number, priority: number) {
    this.request = request;
    this.venueOrderId = venueOrderId;
    this.createdAt = time;
    this.#updatedAt = time;
    this.#quantity = request.quantity;
    this.#limitPrice = request.limitPrice;
    this.priority = priority;
  }

  get quantity(): Decimal {
    return this.#quantity;
  }

  /** Undefined for a market order. */
  get limitPrice(): Decimal | undefined {
    return this.#limitPrice;
  }

  get status(): OrdStatus {
    return this.#status;
  }

  get cumQty(): Decimal {
    return this.#filled.cumQty;
  }

  /** What is still working: zero once the order is done. */
  get leavesQty(): Decimal {
    return this.isDone ? ZERO : this.#quantity.minus(this.#filled.cumQty);
  }

  /** Whether nothing more can happen to the order. */
  get isDone(): boolean {
    return isTerminal(this.#status);
  }

  /** Records an execution; the order is filled when nothing is left. */
  fill(qty: Decimal, px: Decimal, time: number): void {
    this.#filled = addFill(this.#filled, qty, px);
    this.#status =
      compare(this.#filled.cumQty, this.#quantity) >= 0 ? 'filled' : 'partially_filled';
    this.#updatedAt = time;
  }

  /** Changes the order's terms: a total quantity above what has filled, and/or a limit. */
  amend(quantity: Decimal, limitPrice: Decimal | undefined, time: number, priority: number): void {
    this.#quantity = quantity;
    this.#limitPrice = limitPrice;
    this.priority = priority;
    this.#updatedAt = time;
  }

  /** Ends the order as cancelled (what has filled stands). */
  cancel(text: string, time: number): void {
    this.#end('canceled', text, time);
  }

  /** Ends the order as rejected: it never worked. */
  reject(text: string, time: number): void {
    this.#end('rejected', text, time);
  }

  /** A report of what just happened to the order, in its state now. */
  report(execType: ExecType, execId: string, time: number, last?: Fill, text?: string): Report {
    const { cumQty, avgPx } = this.#filled;
    return {
      orderId: this.request.parentId,
      clOrdId: this.request.clOrdId,
      venueOrderId: this.venueOrderId,
      execId,
      execType,
      status: this.#status,
      ...(last === undefined ? {} : { lastQty: last.qty, lastPx: last.px }),
      cumQty,
      leavesQty: this.leavesQty,
      ...(avgPx === undefined ? {} : { avgPx }),
      transactTime: time,
      ...(text === undefined ? {} : { text }),
    };
  }

  /** The order as the ledger shows it. */
  record(): PaperOrderRecord {
    const { clOrdId, parentId, symbol, side, timeInForce } = this.request;
    const { cumQty, avgPx } = this.#filled;
    return {
      venueOrderId: this.venueOrderId,
      clOrdId,
      parentId,
      symbol,
      side,
      quantity: this.#quantity,
      ...(this.#limitPrice === undefined ? {} : { limitPrice: this.#limitPrice }),
      timeInForce,
      status: this.#status,
      cumQty,
      ...(avgPx === undefined ? {} : { avgPx }),
      leavesQty: this.leavesQty,
      createdAt: this.createdAt,
      updatedAt: this.#updatedAt,
      ...(this.#text === undefined ? {} : { text: this.#text }),
    };
  }

  #end(status: OrdStatus, text: string, time: number): void {
    this.#status = status;
    this.#text = text;
    this.#updatedAt = time;
  }
}
