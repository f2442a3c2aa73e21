import type { PaperFill } from './paper-ledger.js';
import type { PaperOrder } from './paper-order.js';

/** How many finished orders, and fills, a paper venue remembers by default. */
export const DEFAULT_RETAIN_FINISHED = 10_000;

/**
 * What the paper venue remembers: every order it took, in arrival order and by clOrdId, and its
 * fill log in sequence order. Working orders are always kept; finished ones are forgotten oldest
 * first (in the order they finished) beyond `retainFinished`, and the fill log keeps at least the
 * last `retainFinished` fills, so a long-running venue's memory stays bounded. A forgotten order
 * is unknown to queries and to cancels; a fill cursor older than the log sees only what is kept.
 */
export class PaperRecords {
  readonly #retainFinished: number;
  /** Every remembered order, in arrival order (duplicate clOrdIds included). */
  readonly #all = new Set<PaperOrder>();
  /** The first remembered order under each clOrdId. */
  readonly #byClOrdId = new Map<string, PaperOrder>();
  /** Finished orders, oldest first from `#finishedHead`: the eviction order. */
  #finished: PaperOrder[] = [];
  #finishedHead = 0;
  readonly #fills: PaperFill[] = [];

  constructor(retainFinished = DEFAULT_RETAIN_FINISHED) {
    if (!Number.isSafeInteger(retainFinished) || retainFinished < 0) {
      throw new RangeError(`retainFinished must be a non-negative integer, got ${retainFinished}`);
    }
    this.#retainFinished = retainFinished;
  }

  /** Remembers a newly received order; returns false when its clOrdId was already taken. */
  add(order: PaperOrder): boolean {
    this.#all.add(order);
    const { clOrdId } = order.request;
    if (this.#byClOrdId.has(clOrdId)) return false;
    this.#byClOrdId.set(clOrdId, order);
    return true;
  }

  /** The first remembered order under this clOrdId. */
  get(clOrdId: string): PaperOrder | undefined {
    return this.#byClOrdId.get(clOrdId);
  }

  /** Whether an order under this clOrdId is remembered. */
  has(clOrdId: string): boolean {
    return this.#byClOrdId.has(clOrdId);
  }

  /** The orders addressable by clOrdId, oldest first. */
  byClOrdId(): IterableIterator<PaperOrder> {
    return this.#byClOrdId.values();
  }

  /** Every remembered order, oldest first. */
  all(): IterableIterator<PaperOrder> {
    return this.#all.values();
  }

  /** Notes that an order is done (once per order), forgetting the oldest finished beyond the bound. */
  finished(order: PaperOrder): void {
    this.#finished.push(order);
    while (this.#finished.length - this.#finishedHead > this.#retainFinished) {
      const oldest = this.#finished[this.#finishedHead++]!;
      this.#all.delete(oldest);
      const { clOrdId } = oldest.request;
      if (this.#byClOrdId.get(clOrdId) === oldest) this.#byClOrdId.delete(clOrdId);
    }
    // Drop the evicted prefix now and then, so the queue stays as long as what it holds.
    if (this.#finishedHead > 1024 && this.#finishedHead * 2 > this.#finished.length) {
      this.#finished = this.#finished.slice(this.#finishedHead);
      this.#finishedHead = 0;
    }
  }

  /** Appends a fill to the log, dropping the oldest now and then beyond the bound. */
  addFill(fill: PaperFill): void {
    this.#fills.push(fill);
    // Dropped in batches, so each fill costs O(1) on average.
    if (this.#fills.length > 2 * this.#retainFinished + 1024) {
      this.#fills.splice(0, this.#fills.length - this.#retainFinished);
    }
  }

  /** The fill log, in sequence order. */
  get fills(): readonly PaperFill[] {
    return this.#fills;
  }
}
