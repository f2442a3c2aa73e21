import { isTerminal, type OrdStatus } from '../market/ord-status.js';
import type { OrderEvent } from '../orders/order-event.js';
import type { ParentSnapshot } from '../orders/order-snapshot.js';
import type { OrderQuery, OrderStore } from './order-store.js';

/** How a memory store is bounded. */
export interface MemoryOrderStoreOptions {
  /** How many finished orders to keep before forgetting the oldest; live orders are always kept. */
  readonly retainFinished?: number;
}

interface Entry {
  snapshot: ParentSnapshot;
  readonly events: OrderEvent[];
}

/** Listing size when a query does not say. */
const DEFAULT_LIMIT = 100;

/**
 * Orders kept in memory, in arrival order, for as long as the process lives. Finished orders
 * beyond a bound are forgotten oldest first, so a long-running service cannot grow without end.
 */
export class MemoryOrderStore implements OrderStore {
  readonly #orders = new Map<string, Entry>();
  /** Finished order IDs, oldest first from `#finishedHead`: the eviction order. */
  #finished: string[] = [];
  #finishedHead = 0;
  readonly #byStatus = new Map<OrdStatus, number>();
  readonly #retainFinished: number;

  constructor(options: MemoryOrderStoreOptions = {}) {
    this.#retainFinished = options.retainFinished ?? 10_000;
  }

  record(event: OrderEvent, snapshot: ParentSnapshot): void {
    const entry = this.#orders.get(snapshot.orderId);
    const wasFinished = entry !== undefined && isTerminal(entry.snapshot.status);
    if (entry === undefined) {
      this.#orders.set(snapshot.orderId, { snapshot, events: [event] });
    } else {
      this.#count(entry.snapshot.status, -1);
      entry.snapshot = snapshot;
      entry.events.push(event);
    }
    this.#count(snapshot.status, 1);
    if (isTerminal(snapshot.status) && !wasFinished) {
      this.#finished.push(snapshot.orderId);
      this.#evict();
    }
  }

  get(orderId: string): ParentSnapshot | undefined {
    return this.#orders.get(orderId)?.snapshot;
  }

  list(query: OrderQuery = {}): ParentSnapshot[] {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const found: ParentSnapshot[] = [];
    const entries = [...this.#orders.values()];
    for (let at = entries.length - 1; at >= 0 && found.length < limit; at--) {
      const { snapshot } = entries[at]!;
      if (query.status === undefined || snapshot.status === query.status) found.push(snapshot);
    }
    return found;
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

  #count(status: OrdStatus, delta: number): void {
    this.#byStatus.set(status, (this.#byStatus.get(status) ?? 0) + delta);
  }

  #evict(): void {
    while (this.#finished.length - this.#finishedHead > this.#retainFinished) {
      const orderId = this.#finished[this.#finishedHead++]!;
      const entry = this.#orders.get(orderId);
      if (entry !== undefined) {
        this.#count(entry.snapshot.status, -1);
        this.#orders.delete(orderId);
      }
    }
    // Drop the evicted prefix now and then, so the queue stays as long as what it holds.
    if (this.#finishedHead > 1024 && this.#finishedHead * 2 > this.#finished.length) {
      this.#finished = this.#finished.slice(this.#finishedHead);
      this.#finishedHead = 0;
    }
  }
}
