import type { FixField, FixMessage } from '../../fix/message.js';
import { extended } from '../../market/extended.js';
import { AppTag, BusinessRejectReason } from './app-tags.js';
import { refuseLacking, refuseMessage } from './business-rejects.js';
import type { FixBook } from './fix-book.js';
import type { FixOrderState } from './fix-order.js';

/**
 * OrderStatusRequest (H) from `owner`: an 8 with ExecType I about the order its ClOrdID (any the
 * order had) or OrderID names, echoing OrdStatusReqID (790), OrdStatus E or 6 while a replace or
 * cancel of it is pending; for an unknown order, OrderID NONE, OrdStatus 8 and a Text.
 */
export function answerStatus(book: FixBook, owner: string, m: FixMessage): void {
  const clOrdId = m.get(AppTag.ClOrdID) ?? '';
  const orderId = m.get(AppTag.OrderID);
  let order = book.byClOrdId(owner, clOrdId);
  if (order === undefined && orderId !== undefined) {
    const byId = book.byOrderId(orderId);
    if (byId?.owner === owner) order = byId;
  }
  const reqId = m.get(AppTag.OrdStatusReqID);
  const trailer: FixField[] = reqId === undefined ? [] : [[AppTag.OrdStatusReqID, reqId]];
  if (order !== undefined) {
    book.reportStatus(order, { execType: 'I', trailer });
    return;
  }
  const text = `Unknown order ${clOrdId}`;
  book.reportUnbooked(unknownOrder(owner, clOrdId, m), { execType: 'I', text, trailer });
}

/**
 * OrderMassStatusRequest (AF) with MassStatusReqType 7 from `owner`: one 8 with ExecType I per
 * working order of the owner, with MassStatusReqID, TotNumReports and LastRptRequested (Y on the
 * last); with none working, one 8 with OrderID NONE and TotNumReports 0. Other types get a j.
 */
export function answerMassStatus(book: FixBook, owner: string, m: FixMessage): void {
  const needed = [AppTag.MassStatusReqID, AppTag.MassStatusReqType];
  if (refuseLacking(book.sendTo, owner, m, needed)) return;
  const reqId = m.get(AppTag.MassStatusReqID)!;
  const type = m.get(AppTag.MassStatusReqType)!;
  if (type !== '7') {
    const text = `MassStatusReqType ${type} is not supported (7: all orders)`;
    refuseMessage(book.sendTo, owner, m, BusinessRejectReason.Other, text);
    return;
  }
  const orders = book.working(owner);
  const trailer = (last: boolean): FixField[] => [
    [AppTag.MassStatusReqID, reqId],
    [AppTag.TotNumReports, String(orders.length)],
    [AppTag.LastRptRequested, last ? 'Y' : 'N'],
  ];
  if (orders.length === 0) {
    const none = extended(unknownOrder(owner, 'NONE', m), { symbol: 'NONE', side: '1' });
    book.reportUnbooked(none, { execType: 'I', text: 'No working orders', trailer: trailer(true) });
    return;
  }
  orders.forEach((order, i) => {
    book.reportStatus(order, { execType: 'I', trailer: trailer(i === orders.length - 1) });
  });
}

/** A stand-in order for answering about one the book does not know (OrderID NONE, OrdStatus 8). */
export function unknownOrder(owner: string, clOrdId: string, m: FixMessage): FixOrderState {
  return {
    orderId: 'NONE',
    owner,
    clOrdId: clOrdId || 'NONE',
    clOrdIds: [],
    symbol: m.get(AppTag.Symbol) ?? 'NONE',
    side: m.get(AppTag.Side) ?? '1',
    ordType: '2',
    tif: '0',
    qty: '0',
    cumQty: '0',
    notional: '0',
    status: '8',
  };
}
