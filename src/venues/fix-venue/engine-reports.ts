import type { Report } from '../../market/report.js';
import { CxlRejReason, OrdRejReason } from './app-tags.js';
import type { FixBook } from './fix-book.js';
import { applyFill, type FixOrderState } from './fix-order.js';

/**
 * Turns the paper venue's reports into the FIX venue's: the order's state updated, journaled,
 * and told to its owner as an ExecutionReport (0 new, F trade, 5 replaced, 4 canceled, C expired
 * for what IOC, FOK and market orders leave, 8 rejected) or an OrderCancelReject (9) for a G or F
 * the engine refused (reason 0 when the order was already done).
 */
export function applyEngineReport(book: FixBook, report: Report): void {
  const order = report.clOrdId === undefined ? undefined : book.byEngineId(report.clOrdId);
  if (order === undefined) return;
  const engine = book.engineOf(order)!;
  switch (report.execType) {
    case 'new':
      if (engine.restoring) {
        engine.restoring = false;
        return;
      }
      order.status = '0';
      book.report(order, { execType: '0' });
      return;
    case 'trade':
      if (report.lastQty === undefined || report.lastPx === undefined) return;
      applyFill(order, report.lastQty, report.lastPx);
      book.report(order, {
        execType: 'F',
        lastQty: report.lastQty.toFixed(),
        lastPx: report.lastPx.toFixed(),
      });
      return;
    case 'replaced':
      replaced(book, order);
      return;
    case 'canceled':
      canceled(book, order, report.text);
      return;
    case 'replace_rejected':
    case 'cancel_rejected':
      refused(book, order, report);
      return;
    case 'rejected':
      order.status = '8';
      order.pending = undefined;
      book.report(order, {
        execType: '8',
        ordRejReason: OrdRejReason.Other,
        text: report.text ?? 'rejected',
      });
  }
}

function replaced(book: FixBook, order: FixOrderState): void {
  const pending = order.pending;
  if (pending?.kind !== 'replace') return;
  const orig = order.clOrdId;
  order.pending = undefined;
  order.qty = pending.qty ?? order.qty;
  if (pending.price !== undefined) order.price = pending.price;
  book.rename(order, pending.clOrdId);
  book.report(order, { execType: '5', origClOrdId: orig });
}

function canceled(book: FixBook, order: FixOrderState, text: string | undefined): void {
  const pending = order.pending;
  if (pending?.kind === 'cancel') {
    order.pending = undefined;
    const orig = order.clOrdId;
    order.status = '4';
    book.rename(order, pending.clOrdId);
    book.report(order, { execType: '4', origClOrdId: orig });
    return;
  }
  // Not asked for: what an IOC, FOK or market order could not fill at once expires. A replace
  // still pending stays so: the engine refuses it next, and the counterparty gets its 9.
  order.status = 'C';
  book.report(order, { execType: 'C', ...(text === undefined ? {} : { text }) });
}

function refused(book: FixBook, order: FixOrderState, report: Report): void {
  const pending = order.pending;
  if (pending === undefined) return;
  order.pending = undefined;
  book.save(order);
  const done = report.text?.startsWith('order is already') === true;
  book.cancelReject(
    order.owner,
    order,
    { clOrdId: pending.clOrdId, origClOrdId: order.clOrdId },
    pending.kind === 'cancel' ? '1' : '2',
    done ? CxlRejReason.TooLateToCancel : CxlRejReason.Other,
    report.text ?? 'refused',
  );
}
