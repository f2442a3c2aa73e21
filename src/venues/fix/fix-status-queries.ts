import type { FixField } from '../../fix/message.js';
import { decimal, ZERO } from '../../market/decimal.js';
import type { VenueOrderStatus } from '../venue-queries.js';
import { AppMsgType } from './app-tags.js';
import type { FixExecution } from './execution-report.js';
import type { FixOrder, FixOrders } from './fix-orders.js';
import type { FixQueries } from './fix-queries.js';
import { massStatusRequest, orderStatusRequest } from './fix-requests.js';

/** OrdRejReason (103) 5: unknown order. */
const UNKNOWN_ORDER = '5';

/**
 * The adapter's reconciliation queries: orderStatus as an OrderStatusRequest (H) and openOrders
 * as an OrderMassStatusRequest (AF), their status reports made VenueOrderStatus under exo's IDs.
 * An order the adapter never sent is unknown without asking; one the venue answers as rejected
 * for being unknown (OrdRejReason 5) is unknown too.
 */
export class FixStatusQueries {
  constructor(
    readonly orders: FixOrders,
    readonly queries: FixQueries,
    readonly send: (msgType: string, body: FixField[]) => number,
  ) {}

  /** Where the child exo calls `id` stands at the venue. */
  async of(id: string): Promise<VenueOrderStatus | undefined> {
    const order = this.orders.order(id);
    if (order === undefined) return undefined;
    const reports = await this.queries.ask(`order status of ${id}`, (reqId) =>
      this.send(AppMsgType.OrderStatusRequest, orderStatusRequest(reqId, order)),
    );
    const report = reports[0];
    if (report === undefined || report.ordRejReason === UNKNOWN_ORDER) return undefined;
    const named = report.wire === undefined ? undefined : this.orders.byWire(report.wire);
    return statusOf(named?.id ?? id, named?.order ?? order, report);
  }

  /** The working orders whose exo ID starts with `prefix`; reports for unknown ClOrdIDs go to `onProblem`. */
  async open(prefix: string, onProblem: (problem: string) => void): Promise<VenueOrderStatus[]> {
    const reports = await this.queries.ask('open orders', (reqId) =>
      this.send(AppMsgType.OrderMassStatusRequest, massStatusRequest(reqId)),
    );
    const open: VenueOrderStatus[] = [];
    for (const report of reports) {
      const named = report.wire === undefined ? undefined : this.orders.byWire(report.wire);
      if (named === undefined) {
        onProblem(`mass status names an order this adapter never sent: ${report.wire ?? '?'}`);
        continue;
      }
      if (named.id.startsWith(prefix)) open.push(statusOf(named.id, named.order, report));
    }
    return open;
  }
}

/** A status report as a VenueOrderStatus of the child exo calls `id`. */
function statusOf(id: string, order: FixOrder, report: FixExecution): VenueOrderStatus {
  const px = report.price ?? order.px;
  return {
    clOrdId: id,
    parentId: order.parentId,
    venueOrderId: report.orderId ?? order.orderId ?? '',
    symbol: order.symbol,
    side: order.side,
    quantity: decimal(report.orderQty ?? order.qty),
    ...(px === undefined ? {} : { limitPrice: decimal(px) }),
    timeInForce: order.tif,
    status: report.status,
    cumQty: report.cumQty ?? ZERO,
    leavesQty: report.leavesQty ?? ZERO,
    ...(report.avgPx === undefined || report.cumQty?.eq(0) !== false
      ? {}
      : { avgPx: report.avgPx }),
    ...(report.text === undefined ? {} : { text: report.text }),
  };
}
