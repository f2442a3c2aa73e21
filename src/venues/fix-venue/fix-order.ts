import { Decimal } from '../../market/decimal.js';

/** A change the counterparty asked for and the matching engine has not answered yet. */
export interface PendingChange {
  readonly kind: 'replace' | 'cancel';
  /** The ClOrdID (11) of the G or F: the order's name once the change is done. */
  readonly clOrdId: string;
  /** G only: the new OrderQty (38). */
  readonly qty?: string;
  /** G only: the new Price (44), when given. */
  readonly price?: string;
}

/**
 * One order of the FIX venue as the counterparty sees it, in FIX terms (codes and decimal
 * strings), plain data so that the order journal stores it as it is: its current and earlier
 * ClOrdIDs, its terms, what has filled (quantity and notional, for AvgPx) and its OrdStatus (39).
 */
export interface FixOrderState {
  /** OrderID (37), unique across restarts. */
  readonly orderId: string;
  /** The counterparty's CompID: the session its reports go to. */
  readonly owner: string;
  /** The ClOrdID that names the order now (a replace or cancel renames it). */
  clOrdId: string;
  /** Every ClOrdID the order has been known by, the current one included. */
  readonly clOrdIds: string[];
  readonly symbol: string;
  /** Side (54): 1 buy, 2 sell. */
  readonly side: string;
  /** OrdType (40): 1 market, 2 limit. */
  readonly ordType: string;
  /** TimeInForce (59): 0 day, 1 GTC, 3 IOC, 4 FOK. */
  readonly tif: string;
  qty: string;
  price?: string;
  cumQty: string;
  /** The sum of LastQty × LastPx over its fills: AvgPx is notional / CumQty. */
  notional: string;
  /** OrdStatus (39). */
  status: string;
  pending?: PendingChange;
}

/** OrdStatus values after which nothing more happens to an order: filled, canceled, rejected, expired. */
const TERMINAL = new Set(['2', '4', '8', 'C']);

/** Whether the order still works (can fill, be replaced or cancelled). */
export function isWorking(order: FixOrderState): boolean {
  return !TERMINAL.has(order.status);
}

/** LeavesQty (151): what may still fill; 0 once the order is done. */
export function leavesOf(order: FixOrderState): string {
  return isWorking(order) ? new Decimal(order.qty).minus(order.cumQty).toFixed() : '0';
}

/** AvgPx (6): notional over CumQty (to 10 places), 0 before any fill. */
export function avgPxOf(order: FixOrderState): string {
  const cum = new Decimal(order.cumQty);
  return cum.eq(0) ? '0' : new Decimal(order.notional).div(cum).round(10).toFixed();
}

/** Books one fill on the order: CumQty, notional and OrdStatus (2 when nothing is left, else 1). */
export function applyFill(order: FixOrderState, qty: Decimal, px: Decimal): void {
  const cum = new Decimal(order.cumQty).plus(qty);
  order.cumQty = cum.toFixed();
  order.notional = new Decimal(order.notional).plus(qty.times(px)).toFixed();
  order.status = cum.gte(order.qty) ? '2' : '1';
}
