import { Fifo } from './fifo.js';

/** How a ConflatingQueue keys and combines its items. */
export interface ConflatingQueueOptions<K, V> {
  /** The key an item conflates under (a symbol, an order ID). */
  readonly key: (item: V) => K;
  /** Combines a queued item with a newer one of the same key; by default the newer replaces it. */
  readonly merge?: (queued: V, incoming: V) => V;
  /** Called when the queue goes from empty to non-empty: how a consumer is woken without polling. */
  readonly onNonEmpty?: () => void;
}

interface Slot<V> {
  value: V | undefined;
  queued: boolean;
}

interface Waiter {
  resolve: () => void;
  reject: (reason: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
}

const SWEEP_MIN_IDLE = 1024;

/**
 * A FIFO of keys where a push never blocks and never drops: an item whose key is already
 * queued replaces (or merges into) the queued one and keeps that key's place in line.
 * Push and pop are O(1) whatever the number of resident keys, and memory is bounded by the
 * number of distinct keys queued, never by the number of pushes. This is what lets a slow
 * consumer fall behind a fast producer without losing the latest state or running out of memory.
 */
export class ConflatingQueue<K, V> {
  readonly #key: (item: V) => K;
  readonly #merge: ((queued: V, incoming: V) => V) | undefined;
  readonly #onNonEmpty: (() => void) | undefined;
  readonly #index = new Map<K, Slot<V>>();
  /** The queued keys' slots, oldest first. */
  readonly #line = new Fifo<Slot<V>>();
  #waiters: Waiter[] = [];

  constructor(options: ConflatingQueueOptions<K, V>) {
    this.#key = options.key;
    this.#merge = options.merge;
    this.#onNonEmpty = options.onNonEmpty;
  }

  /** The number of distinct keys queued. */
  get size(): number {
    return this.#line.size;
  }

  /** Queues an item, conflating it with any queued item of the same key. */
  push(item: V): void {
    const key = this.#key(item);
    let slot = this.#index.get(key);
    if (slot === undefined) {
      slot = { value: item, queued: true };
      this.#index.set(key, slot);
    } else if (slot.queued) {
      slot.value = this.#merge === undefined ? item : this.#merge(slot.value as V, item);
      return;
    } else {
      slot.value = item;
      slot.queued = true;
    }
    this.#line.push(slot);
    if (this.#line.size === 1) this.#wake();
  }

  /** The oldest key's item, or undefined when the queue is empty. */
  pop(): V | undefined {
    const slot = this.#line.shift();
    if (slot === undefined) return undefined;
    const value = slot.value as V;
    slot.value = undefined;
    slot.queued = false;
    if (this.#index.size > SWEEP_MIN_IDLE + 2 * this.#line.size) this.#sweep();
    return value;
  }

  /** The item queued under a key, without removing it. */
  peek(key: K): V | undefined {
    return this.#index.get(key)?.value;
  }

  /**
   * Forgets the slots of keys no longer queued. A popped key keeps its slot so that pushing it
   * again costs no allocation; sweeping once idle slots outnumber queued ones (and a floor) keeps
   * memory bounded by the queued keys, at O(1) amortized cost per pop.
   */
  #sweep(): void {
    const index = this.#index;
    index.forEach((slot, key) => {
      if (!slot.queued) index.delete(key);
    });
  }

  /**
   * Resolves when the queue holds at least one item (at once if it already does).
   * Rejects with the signal's reason if the signal aborts first, so a consumer can be shut down.
   */
  whenNonEmpty(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.#line.size > 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, signal, onAbort: undefined };
      if (signal !== undefined) {
        waiter.onAbort = () => {
          this.#waiters = this.#waiters.filter((w) => w !== waiter);
          reject(signal.reason);
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      this.#waiters.push(waiter);
    });
  }

  /** Async iteration that waits for items without polling and ends when the signal aborts. */
  async *drain(signal?: AbortSignal): AsyncGenerator<V, void, undefined> {
    for (;;) {
      try {
        await this.whenNonEmpty(signal);
      } catch (error) {
        if (signal?.aborted) return;
        throw error;
      }
      let item = this.pop();
      while (item !== undefined) {
        yield item;
        item = this.pop();
      }
    }
  }

  #wake(): void {
    if (this.#waiters.length > 0) {
      const waiters = this.#waiters;
      this.#waiters = [];
      for (const waiter of waiters) {
        if (waiter.onAbort !== undefined)
          waiter.signal?.removeEventListener('abort', waiter.onAbort);
        waiter.resolve();
      }
    }
    this.#onNonEmpty?.();
  }
}
