import type { FixMessage } from '../../fix/message.js';
import { Tag } from '../../fix/tags.js';
import { AppTag, CxlRejReason } from './app-tags.js';
import { refuseLacking } from './business-rejects.js';
import type { FixBook } from './fix-book.js';
import { type FixOrderState, isWorking } from './fix-order.js';

/**
 * The order a G (`responseTo` 2) or F (1) from `owner` may change, or undefined after refusing
 * it: j when OrigClOrdID or ClOrdID is missing; otherwise a 9 with CxlRejReason 1 for an unknown
 * OrigClOrdID, 6 for a ClOrdID used before (a PossDup resend of the same request gets the order's
 * status instead, ExecType I), 0 for an order already done, 3 while another G or F
 * (or the order's own acceptance) is pending.
 */
export function changeableOrder(
  book: FixBook,
  owner: string,
  m: FixMessage,
  responseTo: '1' | '2',
): FixOrderState | undefined {
  if (refuseLacking(book.sendTo, owner, m, [AppTag.OrigClOrdID, AppTag.ClOrdID])) return undefined;
  const names = { clOrdId: m.get(AppTag.ClOrdID)!, origClOrdId: m.get(AppTag.OrigClOrdID)! };
  const order = book.byClOrdId(owner, names.origClOrdId);
  const refuse = (reason: string, text: string): undefined => {
    book.cancelReject(owner, order, names, responseTo, reason, text);
    return undefined;
  };
  if (order === undefined)
    return refuse(CxlRejReason.UnknownOrder, `Unknown order ${names.origClOrdId}`);
  const seen =
    order.pending?.clOrdId === names.clOrdId || book.byClOrdId(owner, names.clOrdId) !== undefined;
  if (seen && m.flag(Tag.PossDupFlag)) {
    // Sent again after a gap (the sequence lost what it had done): the order's status, nothing redone.
    book.report(order, { execType: 'I' });
    return undefined;
  }
  if (seen) return refuse(CxlRejReason.DuplicateClOrdID, `Duplicate ClOrdID ${names.clOrdId}`);
  if (!isWorking(order))
    return refuse(
      CxlRejReason.TooLateToCancel,
      `Order is already done (OrdStatus ${order.status})`,
    );
  if (order.pending !== undefined || book.engineOf(order) === undefined)
    return refuse(
      CxlRejReason.PendingCancelOrReplace,
      `A ${order.pending?.kind ?? 'new'} is pending`,
    );
  return order;
}
