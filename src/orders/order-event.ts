import type { Decimal } from '../market/decimal.js';
import type { OrdStatus } from '../market/ord-status.js';
import type { ChildSnapshot, FillRecord } from './order-snapshot.js';
import type { ParentView } from './parent-view.js';

/**
 * Something that happened to a parent order, in the order it happened. Each event travels with
 * a view of the parent, so a store can keep the latest state without replaying logic, and the
 * event stream (SSE, journal) can say what changed.
 */
export type OrderEvent =
  | { readonly kind: 'accepted'; readonly orderId: string; readonly time: number }
  | {
      readonly kind: 'replaced';
      readonly orderId: string;
      readonly time: number;
      readonly quantity: Decimal;
      readonly limitPrice?: Decimal;
    }
  | { readonly kind: 'cancel_requested'; readonly orderId: string; readonly time: number }
  /** The order, live when exo last stopped, was rebuilt from the journal and works again. */
  | { readonly kind: 'restored'; readonly orderId: string; readonly time: number }
  | {
      readonly kind: 'child_sent';
      readonly orderId: string;
      readonly time: number;
      readonly child: ChildSnapshot;
    }
  | {
      readonly kind: 'child_acknowledged';
      readonly orderId: string;
      readonly time: number;
      readonly child: ChildSnapshot;
    }
  | {
      readonly kind: 'child_replace_sent';
      readonly orderId: string;
      readonly time: number;
      readonly child: ChildSnapshot;
    }
  | {
      readonly kind: 'child_replaced';
      readonly orderId: string;
      readonly time: number;
      readonly child: ChildSnapshot;
    }
  | {
      readonly kind: 'child_cancel_sent';
      readonly orderId: string;
      readonly time: number;
      readonly child: ChildSnapshot;
    }
  | {
      readonly kind: 'child_canceled';
      readonly orderId: string;
      readonly time: number;
      readonly child: ChildSnapshot;
    }
  | {
      readonly kind: 'child_rejected';
      readonly orderId: string;
      readonly time: number;
      readonly child: ChildSnapshot;
      readonly reason: string;
    }
  /**
   * The outcome of the child's pending request is unknown (no answer in time, or a venue error
   * that means maybe): it is not sent again, and is resolved by a later report or a status query.
   */
  | {
      readonly kind: 'child_unknown';
      readonly orderId: string;
      readonly time: number;
      readonly child: ChildSnapshot;
      readonly reason: string;
    }
  | {
      readonly kind: 'fill';
      readonly orderId: string;
      readonly time: number;
      readonly fill: FillRecord;
    }
  | {
      readonly kind: 'done';
      readonly orderId: string;
      readonly time: number;
      readonly status: OrdStatus;
    }
  | {
      readonly kind: 'rejected';
      readonly orderId: string;
      readonly time: number;
      readonly reason: string;
    }
  | {
      readonly kind: 'error';
      readonly orderId: string;
      readonly time: number;
      readonly message: string;
    };

/**
 * Receives every order event with a view of the parent (its snapshot built only on demand): the
 * store, the SSE stream, metrics.
 */
export type OrderEventListener = (event: OrderEvent, order: ParentView) => void;
