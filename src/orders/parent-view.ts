import type { OrdStatus } from '../market/ord-status.js';
import type { Side } from '../market/side.js';
import type { ParentSnapshot } from './order-snapshot.js';

/**
 * A parent order as an event's listener sees it: its identity (ID, side, symbol: they never change)
 * and status at once, its whole state on
 * demand. A snapshot copies children and fills, so it is built only by those who need one (the
 * store when asked, the event stream when someone watches); `snapshot()` called during the event
 * gives the state after it, called later gives the state then.
 */
export interface ParentView {
  readonly orderId: string;
  readonly side: Side;
  readonly symbol: string;
  readonly status: OrdStatus;
  /** The client's own ID for the order, when it gave one. */
  readonly clientOrderId?: string | undefined;
  /** The order's whole state now. */
  snapshot(): ParentSnapshot;
}

/** A view of a state that no longer changes: a snapshot already taken. */
export function viewOf(snapshot: ParentSnapshot): ParentView {
  return {
    orderId: snapshot.orderId,
    side: snapshot.side,
    symbol: snapshot.symbol,
    status: snapshot.status,
    clientOrderId: snapshot.clientOrderId,
    snapshot: () => snapshot,
  };
}
