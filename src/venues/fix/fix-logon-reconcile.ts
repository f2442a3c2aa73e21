import { isTerminal } from '../../market/ord-status.js';
import type { Report } from '../../market/report.js';
import type { VenueOrderStatus } from '../venue-queries.js';
import type { FixOrders } from './fix-orders.js';
import type { FixStatusQueries } from './fix-status-queries.js';

/** What the logon reconciliation works with: the adapter's orders and queries, and where reports go. */
export interface LogonReconcileParts {
  readonly orders: FixOrders;
  readonly status: FixStatusQueries;
  readonly report: (report: Report) => void;
  readonly now: () => number;
  readonly onProblem: (problem: string) => void;
}

/**
 * The adapter's own check at every logon (issue 14): an OrderMassStatusRequest (AF) for the
 * orders the venue works, then an OrderStatusRequest (H) for each order the adapter believes
 * working that the AF did not list (its answer overdue: it ended, or a request about it was lost
 * in a drop). Both go out after the Logon, so their answers come after everything the resend
 * replays: a venue that is still ahead of the adapter (more filled, or done while the adapter
 * thinks it works) lost a report somewhere. exo then hears a status report with the venue's
 * figures (the engine books what its cumQty says is missing) and the operator hears of it; an
 * order the venue does not know is a problem too, never guessed at.
 */
export async function reconcileAtLogon(parts: LogonReconcileParts): Promise<void> {
  const { orders, status, onProblem } = parts;
  const open = await status.open('', onProblem);
  const listed = new Set(open.map((order) => order.clOrdId));
  for (const order of open) catchUp(parts, order);
  for (const id of orders.workingIds()) {
    if (listed.has(id)) continue;
    const answer = await status.of(id);
    if (answer === undefined) onProblem(`reconciling at logon: the venue does not know ${id}`);
    else catchUp(parts, answer);
  }
}

/** Reports where the venue is ahead of the adapter's own view of the order, if it is. */
function catchUp(parts: LogonReconcileParts, venue: VenueOrderStatus): void {
  const order = parts.orders.order(venue.clOrdId);
  if (order === undefined) return;
  const moreFilled = venue.cumQty.gt(order.cumQty);
  const ended = isTerminal(venue.status) && !isTerminal(order.status);
  if (!moreFilled && !ended) return;
  const text = `reconciling at logon: the venue has ${venue.clOrdId} ${venue.status} with ${venue.cumQty} filled; the adapter had ${order.status} with ${order.cumQty}`;
  parts.onProblem(text);
  if (ended) order.status = venue.status;
  parts.report({
    orderId: order.parentId,
    clOrdId: venue.clOrdId,
    ...(venue.venueOrderId === '' ? {} : { venueOrderId: venue.venueOrderId }),
    execType: 'status',
    status: venue.status,
    cumQty: venue.cumQty,
    leavesQty: venue.leavesQty,
    ...(venue.avgPx === undefined ? {} : { avgPx: venue.avgPx }),
    transactTime: parts.now(),
    text,
  });
}
