import type { Decimal } from '../market/decimal.js';
import type { OrdStatus } from '../market/ord-status.js';
import type { ChildSnapshot, FillRecord, ParentSnapshot } from './order-snapshot.js';

/**
 * Something that happened to a parent order, in the order it happened. Each event travels with
 * the parent's snapshot after it, so a store can keep the latest state without replaying logic,
 * and the event stream (SSE, journal) can say what changed.
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

/** Receives every order event with the parent's snapshot after it: the store, the SSE stream, metrics. */
export type OrderEventListener = (event: OrderEvent, snapshot: ParentSnapshot) => void;
