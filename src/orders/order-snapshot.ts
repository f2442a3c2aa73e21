import type { Decimal } from '../market/decimal.js';
import type { Execution } from '../market/fills.js';
import type { OrdStatus } from '../market/ord-status.js';
import type { Side } from '../market/side.js';
import type { TimeInForce } from '../market/time-in-force.js';

/** A request sent to the venue for a child and not yet answered: at most one at a time. */
export type PendingRequest = 'new' | 'replace' | 'cancel';

/** A child order as exo knows it: what was asked, what the venue said, what filled. */
export interface ChildSnapshot {
  /** The child's identity: the client ID it was sent under. */
  readonly clOrdId: string;
  /** Every client ID it has had, oldest first, when a venue may have renamed it (see ChildOrder). */
  readonly clientIds?: readonly string[];
  /** The client ID the venue knows it by, when a replace renamed it. */
  readonly venueClOrdId?: string;
  readonly venueOrderId?: string;
  readonly side: Side;
  readonly quantity: Decimal;
  readonly limitPrice?: Decimal;
  readonly timeInForce: TimeInForce;
  readonly status: OrdStatus;
  readonly pending?: PendingRequest;
  /** True while the pending request's outcome is unknown (see ChildOrder.unknown). */
  readonly unknown?: true;
  readonly cumQty: Decimal;
  readonly avgPx?: Decimal;
  readonly createdAt: number;
  readonly updatedAt: number;
  /** The venue's reason, for a reject. */
  readonly text?: string;
}

/**
 * The fill inside exo: one execution on one child, unique by `execId`, as exo books it. The
 * journal's `fill` row, the HTTP API's fill and reconciliation's fills are derived from it.
 */
export interface FillRecord extends Execution {
  /** True when exo booked it for a cumQty the venue could not account for (see Report.synthetic). */
  readonly synthetic?: boolean;
}

/** A parent order's whole state at a moment: what `GET /v1/orders/:id` shows. */
export interface ParentSnapshot {
  readonly orderId: string;
  readonly side: Side;
  readonly symbol: string;
  readonly quantity: Decimal;
  readonly limitPrice?: Decimal;
  readonly algo: string;
  readonly params: Readonly<Record<string, unknown>>;
  /** The client's own ID for the order, when it gave one. */
  readonly clientOrderId?: string;
  readonly status: OrdStatus;
  readonly cumQty: Decimal;
  readonly avgPx?: Decimal;
  readonly leavesQty: Decimal;
  readonly children: readonly ChildSnapshot[];
  readonly fills: readonly FillRecord[];
  readonly createdAt: number;
  readonly updatedAt: number;
  /** Why the order was rejected or ended early, when it was. */
  readonly text?: string;
  /**
   * True when fills went past the quantity (a replace down raced a child in flight, say): the
   * fills happened and are counted, and an `error` event said so when it did.
   */
  readonly overfilled?: boolean;
}
