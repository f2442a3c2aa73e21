import type { FixField } from '../../fix/message.js';
import { formatUtcTimestamp } from '../../fix/timestamp.js';
import { AppTag } from './app-tags.js';
import { avgPxOf, type FixOrderState, leavesOf } from './fix-order.js';

/** What an ExecutionReport says beyond the order's state. */
export interface ReportExtras {
  /** ExecType (150). */
  readonly execType: string;
  readonly execId: string;
  readonly now: number;
  /** ClOrdID to report under when not the order's current one (the G/F being answered). */
  readonly clOrdId?: string;
  readonly origClOrdId?: string;
  readonly lastQty?: string;
  readonly lastPx?: string;
  readonly ordRejReason?: string;
  readonly text?: string;
  /** Fields appended at the end (OrdStatusReqID, MassStatusReqID, TotNumReports...). */
  readonly trailer?: readonly FixField[];
}

/** The body of an ExecutionReport (8) about `order` as it stands, decimals as strings. */
export function executionReport(order: FixOrderState, extras: ReportExtras): FixField[] {
  const body: FixField[] = [
    [AppTag.OrderID, order.orderId],
    [AppTag.ClOrdID, extras.clOrdId ?? order.clOrdId],
  ];
  if (extras.origClOrdId !== undefined) body.push([AppTag.OrigClOrdID, extras.origClOrdId]);
  body.push(
    [AppTag.ExecID, extras.execId],
    [AppTag.ExecType, extras.execType],
    [AppTag.OrdStatus, order.status],
  );
  if (extras.ordRejReason !== undefined) body.push([AppTag.OrdRejReason, extras.ordRejReason]);
  body.push(
    [AppTag.Symbol, order.symbol],
    [AppTag.Side, order.side],
    [AppTag.OrderQty, order.qty],
    [AppTag.OrdType, order.ordType],
  );
  if (order.price !== undefined) body.push([AppTag.Price, order.price]);
  body.push([AppTag.TimeInForce, order.tif]);
  if (extras.lastQty !== undefined && extras.lastPx !== undefined)
    body.push([AppTag.LastQty, extras.lastQty], [AppTag.LastPx, extras.lastPx]);
  body.push(
    [AppTag.LeavesQty, leavesOf(order)],
    [AppTag.CumQty, order.cumQty],
    [AppTag.AvgPx, avgPxOf(order)],
    [AppTag.TransactTime, formatUtcTimestamp(extras.now)],
  );
  if (extras.text !== undefined) body.push([AppTag.Text, extras.text]);
  body.push(...(extras.trailer ?? []));
  return body;
}

/** What an OrderCancelReject (9) names. */
export interface CancelRejectFields {
  readonly orderId: string;
  readonly clOrdId: string;
  readonly origClOrdId: string;
  /** OrdStatus (39) of the order, 8 when unknown. */
  readonly status: string;
  /** CxlRejResponseTo (434): 1 to an F, 2 to a G. */
  readonly responseTo: '1' | '2';
  readonly reason: string;
  readonly text: string;
}

/** The body of an OrderCancelReject (9). */
export function cancelReject(f: CancelRejectFields): FixField[] {
  return [
    [AppTag.OrderID, f.orderId],
    [AppTag.ClOrdID, f.clOrdId],
    [AppTag.OrigClOrdID, f.origClOrdId],
    [AppTag.OrdStatus, f.status],
    [AppTag.CxlRejResponseTo, f.responseTo],
    [AppTag.CxlRejReason, f.reason],
    [AppTag.Text, f.text],
  ];
}

/** The body of a BusinessMessageReject (j) of the message with `refSeqNum` and `refMsgType`. */
export function businessReject(
  refSeqNum: string,
  refMsgType: string,
  reason: string,
  text: string,
): FixField[] {
  const body: FixField[] = [[AppTag.RefSeqNum, refSeqNum]];
  if (refMsgType !== '') body.push([AppTag.RefMsgType, refMsgType]);
  body.push([AppTag.BusinessRejectReason, reason], [AppTag.Text, text]);
  return body;
}
