import type { Clock } from '../core/clock.js';
import { readRefusal } from '../journal/journal-bodies.js';
import type { JournalRow, JsonValue } from '../journal/journal-row.js';
import { parseOrdStatus, parseText } from '../market/parse-field.js';
import type { ParentSnapshot } from '../orders/order-snapshot.js';
import { ParentState } from '../orders/parent-state.js';
import type { OrderFold } from './order-fold.js';
import { RecoveryBook } from './recovery-book.js';

/**
 * Every order the journal still holds, in the order the orders arrived (the order of their first
 * rows): what `GET /v1/orders` listed, newest first, before a restart and must list after it.
 * Completed orders are taken as they ended, their terminal status and reason from each order's
 * `order_completed` row; live ones as journaled, until their delegates restore them. Fed every
 * row from the start (a snapshot holds only live orders).
 */
export class OrderHistory {
  readonly #clock: Clock;
  /** The completed orders as they ended, in completion order, snapshot only when taken. */
  readonly #completed = new Map<string, Ended>();
  /** The sequence of each order's first row. */
  readonly #arrival = new Map<string, number>();
  readonly #book: RecoveryBook;
  /** Set once `take` handed the book over. */
  #done = false;

  constructor(clock: Clock) {
    this.#clock = clock;
    this.#book = new RecoveryBook((fold, body, time) => {
      if (!this.#done) this.#completed.set(fold.orderId, { fold, body, time });
    });
  }

  /** Folds the next journal row (only until `take`). */
  apply(row: JournalRow): void {
    if (!this.#arrival.has(row.orderId)) this.#arrival.set(row.orderId, row.sequence);
    if (row.kind === 'instruction_refused') this.#refusedAfterCompletion(row);
    this.#book.apply(row);
  }

  /**
   * A replace refused because the order completed while its row committed is journaled after the
   * completion: the completed order's fold takes it, so the order is shown with the terms it kept.
   */
  #refusedAfterCompletion(row: JournalRow): void {
    this.#completed.get(row.orderId)?.fold.refuse(readRefusal(row.body), row.time);
  }

  /**
   * The orders in the rows folded so far, oldest first, and the book of the live ones, caught up
   * with those rows: what recovery goes on from, so that startup reads the journal once. The
   * history is done: it forgets its orders and hears no more completions from the book.
   */
  take(): { readonly orders: ParentSnapshot[]; readonly book: RecoveryBook } {
    this.#done = true;
    const live = Array.from(this.#book.orders(), (order) => this.#snapshot(order));
    const completed = Array.from(this.#completed.values(), ({ fold, body, time }) => ({
      ...this.#snapshot(fold),
      ...ending(body),
      updatedAt: time,
    }));
    this.#completed.clear();
    const orders = [...completed, ...live];
    const arrival = (order: ParentSnapshot): number => this.#arrival.get(order.orderId) ?? 0;
    orders.sort((a, b) => arrival(a) - arrival(b));
    this.#arrival.clear();
    return { orders, book: this.#book };
  }

  #snapshot(order: OrderFold): ParentSnapshot {
    const restore = order.recovered().parent;
    return ParentState.restore(restore, { listener: () => {}, clock: this.#clock }).snapshot();
  }
}

/** A completed order's fold, its `order_completed` body and time. */
interface Ended {
  readonly fold: OrderFold;
  readonly body: JsonValue;
  readonly time: number;
}

function ending(body: JsonValue): Pick<ParentSnapshot, 'status'> & { text?: string } {
  const { status, refusal } = body as { status?: unknown; refusal?: unknown };
  const ended = { status: parseOrdStatus(status, 'order_completed.status') };
  return refusal === undefined
    ? ended
    : { ...ended, text: parseText(refusal, 'order_completed.refusal') };
}
