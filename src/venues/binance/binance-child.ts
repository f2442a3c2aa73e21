import { type Decimal, ZERO } from '../../market/decimal.js';
import type { ExecType } from '../../market/exec-type.js';
import { isTerminal, type OrdStatus } from '../../market/ord-status.js';
import type { Report } from '../../market/report.js';
import type { Side } from '../../market/side.js';
import type { TimeInForce } from '../../market/time-in-force.js';

/**
 * A replace on its way to a new Binance order (a cancelReplace, or a cancel and then a new
 * order): the new order's client ID and exo's new terms.
 */
export interface PendingRename {
  readonly newId: string;
  readonly quantity: Decimal;
  readonly limitPrice: Decimal | undefined;
  /**
   * What the orders before the new one filled, once a cancel's answer told it (a fill's report
   * may still be on its way); the child's applied fills when absent.
   */
  readonly baseQty?: Decimal;
}

/**
 * One child as the Binance adapter follows it, in exo's terms across the Binance orders a
 * cancelReplace chains: exo's total quantity, the fills applied so far (summed, so the figures
 * agree whatever path a fill came by), and what carried over from the orders replaced before the
 * current one (`baseQty`: Binance's new order starts again from zero).
 */
export class BinanceChild {
  readonly parentId: string;
  /** The Binance symbol. */
  readonly symbol: string;
  readonly side: Side;
  readonly timeInForce: TimeInForce;
  /** When it was sent (the local clock): a -2013 soon after is the database catching up. */
  readonly sentAt: number;
  quantity: Decimal;
  limitPrice: Decimal | undefined;
  /** The client ID Binance knows the working order by. */
  currentId: string;
  /** The working Binance order's ID, once known. */
  orderId: number | undefined;
  /** Every Binance order ID it has had (a cancelReplace starts a new order), oldest first. */
  readonly orderIds: number[] = [];
  status: OrdStatus = 'pending_new';
  cumQty: Decimal = ZERO;
  notional: Decimal = ZERO;
  /** The quantity filled on Binance orders this child had before the current one. */
  baseQty: Decimal = ZERO;
  /** False once fills whose prices it does not know joined its figures (see carryOver). */
  #priced = true;
  /** A cancelReplace under way. */
  renaming: PendingRename | undefined;
  /** A keep-priority amend under way: the new total quantity. */
  amending: Decimal | undefined;
  /**
   * Its new order waits at the rate-limit gate, not yet sent: `true`; `withdrawn` once exo, asking
   * where it stands, was told Binance does not know it (so it is never sent after all).
   */
  placing: boolean | 'withdrawn' = false;

  constructor(init: {
    clOrdId: string;
    parentId: string;
    symbol: string;
    side: Side;
    timeInForce: TimeInForce;
    quantity: Decimal;
    limitPrice: Decimal | undefined;
    sentAt: number;
  }) {
    this.currentId = init.clOrdId;
    this.parentId = init.parentId;
    this.symbol = init.symbol;
    this.side = init.side;
    this.timeInForce = init.timeInForce;
    this.quantity = init.quantity;
    this.limitPrice = init.limitPrice;
    this.sentAt = init.sentAt;
  }

  /** Whether it can change no more. */
  get terminal(): boolean {
    return isTerminal(this.status);
  }

  /** Books a fill, and moves the status to filled or partially filled. */
  fill(qty: Decimal, px: Decimal): void {
    this.cumQty = this.cumQty.plus(qty);
    this.notional = this.notional.plus(qty.times(px));
    if (!this.terminal)
      this.status = this.cumQty.gte(this.quantity) ? 'filled' : 'partially_filled';
  }

  /**
   * Takes in `qty` that exo counted filled on the Binance orders this child had before the working
   * one, which an adopted child's figures (the working order's own) lack: it joins the child's
   * quantity and cumQty alike, since both are the child's across the chain (a new price then asks
   * for what the working order had left, not that less `qty` again). Those fills' prices are not
   * known here, so its reports carry no avgPx from then on: a wrong one would misprice a fill
   * booked from it (see missing-fills.ts).
   */
  carryOver(qty: Decimal): void {
    this.baseQty = this.baseQty.plus(qty);
    this.cumQty = this.cumQty.plus(qty);
    this.quantity = this.quantity.plus(qty);
    this.#priced = false;
  }

  /** Takes Binance's status for the working order, in exo's terms (`new` with fills is partial). */
  settle(status: OrdStatus): void {
    if (this.terminal && status !== 'filled') return;
    if (status === 'filled' && this.cumQty.lt(this.quantity)) {
      this.status = 'partially_filled';
      return;
    }
    this.status = status === 'new' && this.cumQty.gt(0) ? 'partially_filled' : status;
  }

  /** A report about this child, in exo's terms, under client ID `clOrdId`. */
  report(clOrdId: string, execType: ExecType, time: number, extra: Partial<Report> = {}): Report {
    const done = this.terminal;
    return {
      orderId: this.parentId,
      clOrdId,
      ...(this.orderId === undefined ? {} : { venueOrderId: String(this.orderId) }),
      execType,
      status: this.status,
      cumQty: this.cumQty,
      leavesQty: done ? ZERO : this.quantity.minus(this.cumQty),
      ...(this.cumQty.gt(0) && this.#priced ? { avgPx: this.notional.div(this.cumQty) } : {}),
      transactTime: time,
      ...extra,
    };
  }
}
