import type { Decimal } from '../market/decimal.js';
import type { OrdStatus } from '../market/ord-status.js';
import type { ChildOrderRequest } from '../venues/venue.js';
import type { ClientIdChain } from './child-order.js';
import type { FillRecord } from './order-snapshot.js';
import type { ParentOrder } from './parent-order.js';

/**
 * A child order as recovery rebuilt it: enough to bring a ChildOrder back to the same state
 * through its own state machine (see `restoreChild`). Its fills are the parent's, by clOrdId.
 */
export interface ChildRestore {
  /** The child's identity and current terms (quantity and limit after any confirmed replace). */
  readonly request: ChildOrderRequest;
  readonly status: OrdStatus;
  readonly venueOrderId?: string;
  /** Its client IDs and the one the venue knows it by, when it has had more than one. */
  readonly clientIds?: ClientIdChain;
  /** True while its pending request's outcome is unknown. */
  readonly unknown?: true;
  /** The terms a pending replace asks for, while one is pending. */
  readonly replaceTo?: { readonly quantity: Decimal; readonly limitPrice?: Decimal };
  readonly cancelRejections: number;
  readonly replaceRejections: number;
  readonly text?: string;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** A live parent order as recovery rebuilt it: what `ParentState.restore` starts from. */
export interface ParentRestore {
  /** The order with its current terms (after accepted replaces), as a `new` instruction. */
  readonly order: ParentOrder;
  readonly cancelRequested: boolean;
  /** Children in the order they were sent. */
  readonly children: readonly ChildRestore[];
  /** Every counted fill, in the order booked. */
  readonly fills: readonly FillRecord[];
  readonly createdAt: number;
  readonly updatedAt: number;
}
