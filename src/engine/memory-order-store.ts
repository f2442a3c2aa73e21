import { isTerminal, type OrdStatus } from '../market/ord-status.js';
import type { OrderEvent } from '../orders/order-event.js';
import type { ParentSnapshot } from '../orders/order-snapshot.js';
import type { ParentView } from '../orders/parent-view.js';
import {
  DEFAULT_LIST_LIMIT,
  type OrderPage,
  type OrderQuery,
  type OrderStore,
} from './order-store.js';

/** How a memory store is bounded. */
export interface MemoryOrderStoreOptions {
  /** How many finished orders to keep before forgetting the oldest; live orders are always kept. */
  readonly retainFinished?: number;
}

/**
 * One order: its arrival position (what a page's `next` counts), the view of its latest state,
 * the status it had then, its snapshot once built.
 */
interface Entry {
  readonly position: number;
  view: ParentView;
  status: OrdStatus;
  snapshot: ParentSnapshot | undefined;
  readonly events: OrderEvent[];
}

/**
 * Orders kept in memory, in arrival order, for as long as the process lives. Finished orders
 * beyond a bound are forgotten oldest first, so a long-running service cannot grow without end.
 * Recording is O(1) and builds no snapshot: an order's snapshot is built from its latest view
 * when it is first asked for after a change, and kept until the next one.
 */
export class MemoryOrderStore implements OrderStore {
  readonly #orders = new Map<string, Entry>();
  /** Finished order IDs, oldest first from `#finishedHead`: the eviction order. */
  #finished: string[] = [];
  #finishedHead = 0;
  readonly #byStatus = new Map<OrdStatus, number>();
  /** The ID of the order with each client order ID, for as long as the order is kept. */
  readonly #byClientOrderId = new Map<string, string>();
  readonly #retainFinished: number;
  #arrivals = 0;

  constructor(options: MemoryOrderStoreOptions = {}) {
    this.#retainFinished = options.retainFinished ?? 10_000;
  }

  record(event: OrderEvent, order: ParentView): void {
    const { orderId, status } = order;
    const entry = this.#orders.get(orderId);
    if (entry === undefined) {
      const position = this.#arrivals++;
      this.#orders.set(orderId, {
        position,
        view: order,
        status,
        snapshot: undefined,
        events: [event],
      });
      this.#count(status, 1);
      if (order.clientOrderId !== undefined)
        this.#byClientOrderId.set(order.clientOrderId, orderId);
      if (isTerminal(status)) this.#finish(orderId);
      return;
    }
    entry.view = order;
    entry.snapshot = undefined;
    entry.events.push(event);
    if (entry.status === status) return;
    const wasFinished = isTerminal(entry.status);
    this.#count(entry.status, -1);
    this.#count(status, 1);
    entry.status = status;
    if (isTerminal(status) && !wasFinished) this.#finish(orderId);
  }

  get(orderId: string): ParentSnapshot | undefined {
    const entry = this.#orders.get(orderId);
    return entry === undefined ? undefined : snapshotOf(entry);
  }

  list(query: OrderQuery = {}): ParentSnapshot[] {
    return this.page(query).orders;
  }

  /** Walks back from the newest order (the map keeps arrival order) past `before`. */
  page(query: OrderQuery = {}): OrderPage {
    const limit = query.limit ?? DEFAULT_LIST_LIMIT;
    const before = query.before ?? Number.POSITIVE_INFINITY;
    const orders: ParentSnapshot[] = [];
    const entries =
      query.clientOrderId === undefined
        ? [...this.#orders.values()]
        : this.#withClientOrderId(query.clientOrderId);
    let last: Entry | undefined;
    for (let at = entries.length - 1; at >= 0; at--) {
      const entry = entries[at]!;
      if (entry.position >= before) continue;
      if (query.statuses !== undefined && !query.statuses.includes(entry.status)) continue;
      if (orders.length === limit) {
        return last === undefined ? { orders } : { orders, next: last.position };
      }
      orders.push(snapshotOf(entry));
      last = entry;
    }
    return { orders };
  }

  history(orderId: string): readonly OrderEvent[] {
    return this.#orders.get(orderId)?.events ?? [];
  }

  countByStatus(): ReadonlyMap<OrdStatus, number> {
    return this.#byStatus;
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  /** The entry of the order with this client order ID, if one is kept (an array, as a listing scans). */
  #withClientOrderId(clientOrderId: string): Entry[] {
    const orderId = this.#byClientOrderId.get(clientOrderId);
    const entry = orderId === undefined ? undefined : this.#orders.get(orderId);
    return entry === undefined ? [] : [entry];
  }

  #count(status: OrdStatus, delta: number): void {
    this.#byStatus.set(status, (this.#byStatus.get(status) ?? 0) + delta);
  }

  /** Queues a newly finished order for eviction, and forgets the oldest beyond the bound. */
  #finish(orderId: string): void {
    this.#finished.push(orderId);
    this.#evict();
  }

  #evict(): void {
    while (this.#finished.length - this.#finishedHead > this.#retainFinished) {
      const orderId = this.#finished[this.#finishedHead++]!;
      const entry = this.#orders.get(orderId);
      if (entry !== undefined) {
        this.#count(entry.status, -1);
        this.#orders.delete(orderId);
        const { clientOrderId } = entry.view;
        if (clientOrderId !== undefined) this.#byClientOrderId.delete(clientOrderId);
      }
    }
    // Drop the evicted prefix now and then, so the queue stays as long as what it holds.
    if (this.#finishedHead > 1024 && this.#finishedHead * 2 > this.#finished.length) {
      this.#finished = this.#finished.slice(this.#finishedHead);
      this.#finishedHead = 0;
    }
  }
}

/** The entry's snapshot, built from its view the first time it is asked for after a change. */
function snapshotOf(entry: Entry): ParentSnapshot {
  entry.snapshot ??= entry.view.snapshot();
  return entry.snapshot;
}
