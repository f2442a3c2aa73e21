import type { FixMessage } from '../../fix/message.js';
import { AdminMsgType } from '../../fix/tags.js';
import type { ExecType } from '../../market/exec-type.js';
import { isTerminal, type OrdStatus } from '../../market/ord-status.js';
import type { Report } from '../../market/report.js';
import { sequenceCursor } from '../sequence-cursor.js';
import type { ReportSink } from '../venue.js';
import { AppMsgType, AppTag } from './app-tags.js';
import { ExecutionReportError, type FixExecution, readExecution } from './execution-report.js';
import { ordStatusOf } from './fix-enums.js';
import type { FixOrders } from './fix-orders.js';
import { type FixPending, PENDING_STATUS, type PendingRequest, REFUSAL } from './fix-pending.js';
import type { FixQueries } from './fix-queries.js';

/** Counters of what the adapter dropped or refused, for metrics and tests. */
export interface FixAdapterCounters {
  /** ExecutionReports whose ExecID was applied already (a resend, a repeat). */
  duplicateReports: number;
  /** Reject (3), BusinessMessageReject (j) and OrderCancelReject (9) received. */
  rejects: number;
}

/** What FixInbound works with: the adapter's parts, and where reports go. */
export interface FixInboundParts {
  readonly orders: FixOrders;
  readonly pending: FixPending;
  readonly queries: FixQueries;
  readonly sink: () => ReportSink | undefined;
  readonly now: () => number;
  readonly onProblem: (problem: string) => void;
}

/**
 * The application messages a FIX counterparty sends about orders, made exo reports:
 * ExecutionReports (each ExecID applied once, journaled with its cursor before exo hears of it;
 * status reports answer queries), and the refusals: OrderCancelReject (9, by ClOrdID), Reject (3)
 * and BusinessMessageReject (j, by RefSeqNum, else j's BusinessRejectRefID as a ClOrdID), each
 * failing the request it names and reaching the parent as a report with the venue's text. What
 * names no order the adapter sent is a problem, never thrown.
 */
export class FixInbound {
  readonly counters: FixAdapterCounters = { duplicateReports: 0, rejects: 0 };

  constructor(readonly parts: FixInboundParts) {}

  /** Takes an 8, 9, 3 or j; false for any other MsgType. */
  receive(message: FixMessage): boolean {
    switch (message.msgType) {
      case AppMsgType.ExecutionReport:
        this.#execution(message);
        return true;
      case AppMsgType.OrderCancelReject:
        this.counters.rejects++;
        this.#cancelReject(message);
        return true;
      case AdminMsgType.Reject:
      case AppMsgType.BusinessMessageReject:
        this.counters.rejects++;
        this.#reject(message);
        return true;
      default:
        return false;
    }
  }

  /** Reports every request still unanswered as `unknown`: the session dropped under them. */
  dropped(): void {
    for (const request of this.parts.pending.takeAll()) {
      this.#emit({
        orderId: request.order.parentId,
        clOrdId: request.id,
        execType: 'unknown',
        status: PENDING_STATUS[request.kind],
        transactTime: this.parts.now(),
        text: `the FIX session dropped before the venue answered this ${request.kind}`,
      });
    }
  }

  #execution(message: FixMessage): void {
    let x: FixExecution;
    try {
      x = readExecution(message);
    } catch (error) {
      if (!(error instanceof ExecutionReportError)) throw error;
      this.parts.onProblem(`unreadable ExecutionReport: ${error.message}`);
      return;
    }
    if (x.execType === 'status') {
      // A status report answers a query; one that answers none (a late one) changes nothing.
      if (this.parts.queries.report(x) || message.get(AppTag.ExecType) === 'I') return;
    }
    const { orders } = this.parts;
    const wire = x.wire !== undefined && orders.byWire(x.wire) ? x.wire : x.origWire;
    const named = wire === undefined ? undefined : orders.byWire(wire);
    if (wire === undefined || named === undefined) {
      this.parts.onProblem(`ExecutionReport ${x.execId} for an unknown order ${x.wire ?? '?'}`);
      return;
    }
    if (orders.seen(named.order, x.execId)) {
      this.counters.duplicateReports++;
      return;
    }
    const request = this.parts.pending.takeWire(x.wire);
    const { id, order } = named;
    const refusal = x.execType === 'rejected';
    if (refusal && request !== undefined && request.kind !== 'submit') {
      // A venue refusing a G or F with an 8 rather than a 9: the order carries on as it was.
      orders.applied({ execId: x.execId, wire: order.wire, status: order.status });
      this.#refused(request.id, REFUSAL[request.kind], {
        status: order.status,
        text: x.text ?? 'refused',
      });
      return;
    }
    const replaced = x.execType === 'replaced';
    const fill =
      x.execType === 'trade' && x.lastQty !== undefined && x.lastPx !== undefined
        ? {
            qty: x.lastQty.toString(),
            px: x.lastPx.toString(),
            time: x.transactTime ?? this.parts.now(),
          }
        : undefined;
    const qty = refusal ? undefined : (x.orderQty ?? (replaced ? request?.terms?.qty : undefined));
    const px = refusal ? undefined : (x.price ?? (replaced ? request?.terms?.px : undefined));
    // A report older than one applied (an ack after the fill) is told as where the order stands.
    const stale = rank(x.status) < rank(order.status);
    if (!stale) order.status = x.status;
    const n = orders.applied({
      execId: x.execId,
      wire,
      status: order.status,
      ...(x.orderId === undefined ? {} : { orderId: x.orderId }),
      ...(qty === undefined ? {} : { qty }),
      ...(px === undefined ? {} : { px }),
      ...(fill === undefined ? {} : { fill }),
    });
    const report: Report = {
      orderId: order.parentId,
      clOrdId: id,
      ...(order.orderId === undefined ? {} : { venueOrderId: order.orderId }),
      execId: x.execId,
      execType: stale && x.execType !== 'trade' ? 'status' : x.execType,
      status: order.status,
      ...(x.lastQty === undefined ? {} : { lastQty: x.lastQty }),
      ...(x.lastPx === undefined ? {} : { lastPx: x.lastPx }),
      // Cumulative figures of a stale report would go down: they are left out.
      ...(stale || x.cumQty === undefined ? {} : { cumQty: x.cumQty }),
      ...(stale || x.leavesQty === undefined ? {} : { leavesQty: x.leavesQty }),
      ...(stale || x.avgPx === undefined ? {} : { avgPx: x.avgPx }),
      transactTime: x.transactTime ?? this.parts.now(),
      ...(x.text === undefined ? {} : { text: x.text }),
    };
    this.#emit(report, sequenceCursor(n));
  }

  #cancelReject(message: FixMessage): void {
    const wire = message.get(AppTag.ClOrdID);
    const request = this.parts.pending.takeWire(wire);
    const { orders } = this.parts;
    const named =
      (wire === undefined ? undefined : orders.byWire(wire)) ??
      orders.byWire(message.get(AppTag.OrigClOrdID) ?? '');
    if (named === undefined) {
      this.parts.onProblem(`OrderCancelReject for an unknown order ${wire ?? '?'}`);
      return;
    }
    const replace =
      message.get(AppTag.CxlRejResponseTo) === '2' ||
      (message.get(AppTag.CxlRejResponseTo) === undefined && request?.kind === 'replace');
    const status = ordStatusOf(message.get(AppTag.OrdStatus), false) ?? named.order.status;
    const reason = message.get(AppTag.CxlRejReason);
    this.#refused(request?.id ?? named.id, replace ? 'replace_rejected' : 'cancel_rejected', {
      status,
      text: `${message.get(AppTag.Text) ?? 'refused'}${reason === undefined ? '' : ` (CxlRejReason ${reason})`}`,
    });
  }

  #reject(message: FixMessage): void {
    const what = message.msgType === AdminMsgType.Reject ? 'Reject' : 'BusinessMessageReject';
    const text = `${what}: ${message.get(AppTag.Text) ?? 'no reason given'}`;
    const seq = message.int(AppTag.RefSeqNum);
    let request: PendingRequest | undefined;
    if (seq !== undefined) {
      request = this.parts.pending.takeSeq(seq);
      if (request === undefined && this.parts.queries.refused(seq, text)) return;
    }
    request ??= this.parts.pending.takeWire(message.get(AppTag.BusinessRejectRefID));
    if (request === undefined) {
      this.parts.onProblem(`${text} (RefSeqNum ${seq ?? '?'}) names no request waiting`);
      return;
    }
    this.#refused(request.id, REFUSAL[request.kind], {
      status: request.kind === 'submit' ? 'rejected' : request.order.status,
      text,
    });
  }

  /** A refusal of a request about the child exo calls `id`, reported to its parent. */
  #refused(id: string, execType: ExecType, how: { status: OrdStatus; text: string }): void {
    const order = this.parts.orders.order(id);
    if (order === undefined) return;
    if (execType === 'rejected') order.status = 'rejected';
    this.#emit({
      orderId: order.parentId,
      clOrdId: id,
      execType,
      status: how.status,
      transactTime: this.parts.now(),
      text: how.text,
    });
  }

  #emit(report: Report, cursor?: string): void {
    this.parts.sink()?.(report, cursor);
  }
}

/** How far along a status is: a report never moves an order back to a lower rank. */
function rank(status: OrdStatus): number {
  if (status === 'pending_new') return 0;
  if (status === 'partially_filled') return 2;
  if (isTerminal(status)) return 3;
  return 1;
}
