import type { Decimal } from './decimal.js';
import type { ExecType } from './exec-type.js';
import type { OrdStatus } from './ord-status.js';

/** An execution report: what a venue says happened to an order (ack, fill, cancel, reject). */
export interface Report {
  /** The exo order this report concerns: how the dispatcher routes it. */
  readonly orderId: string;
  /** The venue's own order ID (the counterparty order ID). */
  readonly venueOrderId?: string;
  /** The client order ID exo sent for a child order: the child's identity. */
  readonly clOrdId?: string;
  /**
   * The client ID the venue named the order by in this report, when a replace renamed it (FIX G,
   * Binance cancelReplace) and it is not `clOrdId`: exo maps the venue's name back to the child's
   * identity and keeps the name here.
   */
  readonly venueClOrdId?: string;
  /** The venue's identifier of this execution; unique per fill, so duplicates can be dropped. */
  readonly execId?: string;
  /** What just happened; absent from venues that only say where the order stands. */
  readonly execType?: ExecType;
  /** Where the order now stands. */
  readonly status: OrdStatus;
  readonly lastQty?: Decimal;
  readonly lastPx?: Decimal;
  /** Cumulative quantity, where the venue gives it. */
  readonly cumQty?: Decimal;
  /** Quantity still working, where the venue gives it. */
  readonly leavesQty?: Decimal;
  /** Average price, where the venue gives it. */
  readonly avgPx?: Decimal;
  /** Milliseconds since the epoch. */
  readonly transactTime: number;
  readonly text?: string;
  /**
   * True on a fill exo booked itself: a report's cumQty ran ahead of the fills exo had applied and
   * the venue could not name the missing execution, so the difference is booked at the implied price.
   */
  readonly synthetic?: boolean;
}
