import type { FixField } from '../../fix/message.js';
import { formatUtcTimestamp } from '../../fix/timestamp.js';
import { AppTag } from './app-tags.js';
import { FIX_ORD_TYPE, FIX_SIDE, FIX_TIF } from './fix-enums.js';
import type { FixOrder } from './fix-orders.js';

/** The body of a NewOrderSingle (D) for `order` under wire ClOrdID `wire`, sent at `now`. */
export function newOrderSingle(wire: string, order: FixOrder, now: number): FixField[] {
  const fields: FixField[] = [
    [AppTag.ClOrdID, wire],
    [AppTag.Symbol, order.symbol],
    [AppTag.Side, FIX_SIDE[order.side]],
    [AppTag.TransactTime, formatUtcTimestamp(now)],
    [AppTag.OrderQty, order.qty],
    [AppTag.OrdType, order.px === undefined ? FIX_ORD_TYPE.market : FIX_ORD_TYPE.limit],
  ];
  if (order.px !== undefined) fields.push([AppTag.Price, order.px]);
  fields.push([AppTag.TimeInForce, FIX_TIF[order.tif]]);
  return fields;
}

/**
 * The fields a G and an F open with: the order known as `order.wire` (41, and the venue's 37 once
 * known) renamed `wire` (11), its symbol and side, and when.
 */
function amending(wire: string, order: FixOrder, now: number): FixField[] {
  const fields: FixField[] = [
    [AppTag.OrigClOrdID, order.wire],
    [AppTag.ClOrdID, wire],
  ];
  if (order.orderId !== undefined) fields.push([AppTag.OrderID, order.orderId]);
  fields.push(
    [AppTag.Symbol, order.symbol],
    [AppTag.Side, FIX_SIDE[order.side]],
    [AppTag.TransactTime, formatUtcTimestamp(now)],
  );
  return fields;
}

/**
 * The body of an OrderCancelReplaceRequest (G): the order known as `order.wire` renamed `wire`,
 * with its new quantity and price (FIX repeats every term, changed or not).
 */
export function cancelReplace(
  wire: string,
  order: FixOrder,
  terms: { readonly qty: string; readonly px: string | undefined },
  now: number,
): FixField[] {
  const fields = amending(wire, order, now);
  fields.push(
    [AppTag.OrderQty, terms.qty],
    [AppTag.OrdType, terms.px === undefined ? FIX_ORD_TYPE.market : FIX_ORD_TYPE.limit],
  );
  if (terms.px !== undefined) fields.push([AppTag.Price, terms.px]);
  fields.push([AppTag.TimeInForce, FIX_TIF[order.tif]]);
  return fields;
}

/** The body of an OrderCancelRequest (F) for the order known as `order.wire`, under `wire`. */
export function cancelRequest(wire: string, order: FixOrder, now: number): FixField[] {
  return [...amending(wire, order, now), [AppTag.OrderQty, order.qty]];
}
/** The body of an OrderStatusRequest (H) for the order known as `order.wire`. */
export function orderStatusRequest(reqId: string, order: FixOrder): FixField[] {
  const fields: FixField[] = [[AppTag.ClOrdID, order.wire]];
  if (order.orderId !== undefined) fields.push([AppTag.OrderID, order.orderId]);
  fields.push(
    [AppTag.Symbol, order.symbol],
    [AppTag.Side, FIX_SIDE[order.side]],
    [AppTag.OrdStatusReqID, reqId],
  );
  return fields;
}

/** The body of an OrderMassStatusRequest (AF) for every order of the session (585=7). */
export function massStatusRequest(reqId: string): FixField[] {
  return [
    [AppTag.MassStatusReqID, reqId],
    [AppTag.MassStatusReqType, '7'],
  ];
}

/**
 * The body of a MarketDataRequest (V): snapshot plus updates (263=1) of the top of book (264=1)
 * for bids, offers and trades (269 = 0, 1, 2) of `symbols`.
 */
export function marketDataRequest(reqId: string, symbols: readonly string[]): FixField[] {
  return [
    [AppTag.MDReqID, reqId],
    [AppTag.SubscriptionRequestType, '1'],
    [AppTag.MarketDepth, '1'],
    [AppTag.NoMDEntryTypes, '3'],
    [AppTag.MDEntryType, '0'],
    [AppTag.MDEntryType, '1'],
    [AppTag.MDEntryType, '2'],
    [AppTag.NoRelatedSym, String(symbols.length)],
    ...symbols.map((symbol): FixField => [AppTag.Symbol, symbol]),
  ];
}
