import type { Decimal } from '../market/decimal.js';
import type { Execution } from '../market/fills.js';
import type { OrdStatus } from '../market/ord-status.js';
import type { Side } from '../market/side.js';
import type { TimeInForce } from '../market/time-in-force.js';

/**
 * Where one child order stands at the venue, as a reconciliation query answers: its current terms
 * (after any replace), its status and its figures, so a restarted exo can adopt or settle it.
 */
export interface VenueOrderStatus {
  readonly clOrdId: string;
  /** The client ID the venue knows the order by, when a replace renamed it (see Report). */
  readonly venueClOrdId?: string;
  /** The exo order the child works for. */
  readonly parentId: string;
  readonly venueOrderId: string;
  readonly symbol: string;
  readonly side: Side;
  /** The current total quantity. */
  readonly quantity: Decimal;
  /** Absent for a market order. */
  readonly limitPrice?: Decimal;
  readonly timeInForce: TimeInForce;
  readonly status: OrdStatus;
  readonly cumQty: Decimal;
  /** Zero once the order is done. */
  readonly leavesQty: Decimal;
  /** Absent until something has filled. */
  readonly avgPx?: Decimal;
  /** Why the venue rejected or cancelled it, when it did. */
  readonly text?: string;
}

/**
 * One execution as the venue recorded it, with where it lies in the venue's fills, so that exo
 * can ask for every fill after the last one it journaled and deduplicate by `execId`.
 */
export interface VenueFill extends Execution {
  /**
   * The fills cursor just after this fill: `fillsSince(cursor)` lists the fills that follow it.
   * Opaque text the venue adapter owns (a report sequence, a trade ID per symbol, a page token).
   */
  readonly cursor: string;
  readonly parentId: string;
  readonly venueOrderId: string;
  readonly symbol: string;
  readonly side: Side;
}

/**
 * An answer to `fillsSince(cursor)`: the fills after the cursor, in the venue's order, and the
 * cursor to ask from next. Ask again with it until `fills` comes back empty (or the cursor comes
 * back unchanged): a venue may answer a long history in pages.
 */
export interface FillsPage {
  readonly fills: readonly VenueFill[];
  readonly cursor: string;
}
