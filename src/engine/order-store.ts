import type { OrdStatus } from '../market/ord-status.js';
import type { OrderEvent } from '../orders/order-event.js';
import type { ParentSnapshot } from '../orders/order-snapshot.js';
import type { ParentView } from '../orders/parent-view.js';

/** How many orders a listing gives when its query does not say. */
export const DEFAULT_LIST_LIMIT = 100;

/**
 * Which orders a listing wants: in any of `statuses` (all when absent), newest first, at most
 * `limit` (DEFAULT_LIST_LIMIT when absent), and only those older than the `before` position.
 */
export interface OrderQuery {
  readonly statuses?: readonly OrdStatus[];
  readonly limit?: number;
  /** A page's `next`: only orders that arrived before that position are listed. */
  readonly before?: number;
  /** Only the order with this client order ID. */
  readonly clientOrderId?: string;
}

/** One page of a listing, and where the next page starts when there are more orders. */
export interface OrderPage {
  readonly orders: ParentSnapshot[];
  /** The `before` of the next page; absent on the last page. */
  readonly next?: number;
}

/**
 * Where parent orders and their history live. `record` is synchronous so that neither the
 * delegates nor the event stream ever wait on storage: a durable journal appends to a buffer
 * there and flushes behind the scenes, and `close` waits for that flush.
 */
export interface OrderStore {
  /**
   * Keeps an event in the order's history and the order's state after it. The view's snapshot is
   * the store's to take when it needs one: at once (a journal writing it out), or only when asked.
   */
  record(event: OrderEvent, order: ParentView): void;
  /** The order's latest state, if the store knows it. */
  get(orderId: string): ParentSnapshot | undefined;
  /** The orders matching the query, newest first. */
  list(query?: OrderQuery): ParentSnapshot[];
  /** The orders matching the query, newest first, with where the next page starts. */
  page(query?: OrderQuery): OrderPage;
  /** Every event recorded for the order, oldest first; empty when unknown. */
  history(orderId: string): readonly OrderEvent[];
  /** How many known orders are in each status, for metrics. */
  countByStatus(): ReadonlyMap<OrdStatus, number>;
  /** Flushes and releases whatever the store holds open. */
  close(): Promise<void>;
}
