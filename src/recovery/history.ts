import { readCompletion, readRefusal } from '../journal/journal-bodies.js';
import type { JournalRow } from '../journal/journal-row.js';
import type { ParentSnapshot } from '../orders/order-snapshot.js';
import { RecoveryBook } from './recovery-book.js';
import type { ReplayedOrder } from './replayed-order.js';

/**
 * Every order the journal still holds, in the order the orders arrived (the order of their first
 * rows): what `GET /v1/orders` listed, newest first, before a restart and must list after it.
 * Every order is replayed by its ParentState; a completed one ends as its `order_completed` row
 * says, live ones are as journaled until their delegates restore them. A new order the engine
 * refused after journaling it (its completion carries the refusal) was never listed, and is not
 * now. Fed every row from the start (a snapshot holds only live orders).
 */
export class OrderHistory {
  /** The completed orders as they ended, in completion order, snapshot only when taken. */
  readonly #completed = new Map<string, ReplayedOrder>();
  /** The sequence of each order's first row. */
  readonly #arrival = new Map<string, number>();
  readonly #book: RecoveryBook;
  /** Set once `take` handed the book over. */
  #done = false;

  constructor() {
    this.#book = new RecoveryBook((order) => {
      if (!this.#done) this.#completed.set(order.orderId, order);
    });
  }

  /** Folds the next journal row (only until `take`). */
  apply(row: JournalRow): void {
    if (!this.#arrival.has(row.orderId)) this.#arrival.set(row.orderId, row.sequence);
    if (row.kind === 'instruction_refused') this.#refusedAfterCompletion(row);
    this.#book.apply(row);
    if (row.kind === 'order_completed' && readCompletion(row.body).refused) {
      this.#completed.delete(row.orderId);
      this.#arrival.delete(row.orderId);
    }
  }

  /**
   * A replace refused because the order completed while its row committed is journaled after the
   * completion: the completed order takes it, so the order is shown with the terms it kept.
   */
  #refusedAfterCompletion(row: JournalRow): void {
    this.#completed.get(row.orderId)?.refuse(readRefusal(row.body), row.time);
  }

  /**
   * The orders in the rows folded so far, oldest first, and the book of the live ones, caught up
   * with those rows: what recovery goes on from, so that startup reads the journal once. The
   * history is done: it forgets its orders and hears no more completions from the book.
   */
  take(): { readonly orders: ParentSnapshot[]; readonly book: RecoveryBook } {
    this.#done = true;
    const snapshot = (order: ReplayedOrder): ParentSnapshot => order.state.snapshot();
    const orders = [
      ...Array.from(this.#completed.values(), snapshot),
      ...Array.from(this.#book.orders(), snapshot),
    ];
    this.#completed.clear();
    const arrival = (order: ParentSnapshot): number => this.#arrival.get(order.orderId) ?? 0;
    orders.sort((a, b) => arrival(a) - arrival(b));
    this.#arrival.clear();
    return { orders, book: this.#book };
  }
}
