import type { Clock } from '../core/clock.js';
import { readRefusal } from '../journal/journal-bodies.js';
import type { JournalRow, JsonValue } from '../journal/journal-row.js';
import { ZERO } from '../market/decimal.js';
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
  readonly #completed: ParentSnapshot[] = [];
  /** Where each completed order is in `#completed`. */
  readonly #completedAt = new Map<string, number>();
  /** The sequence of each order's first row. */
  readonly #arrival = new Map<string, number>();
  readonly #book: RecoveryBook;
  /** Set once `take` handed the book over. */
  #done = false;

  constructor(clock: Clock) {
    this.#clock = clock;
    this.#book = new RecoveryBook((order, body, time) => {
      if (this.#done) return;
      this.#completedAt.set(order.orderId, this.#completed.length);
      this.#completed.push({ ...this.#snapshot(order), ...ending(body), updatedAt: time });
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
   * completion: the completed order is shown with the terms it kept.
   */
  #refusedAfterCompletion(row: JournalRow): void {
    const index = this.#completedAt.get(row.orderId);
    const { terms } = readRefusal(row.body);
    if (index === undefined || terms === undefined) return;
    const { limitPrice: _dropped, ...order } = this.#completed[index]!;
    const { quantity, limitPrice } = terms;
    const leaves = quantity.minus(order.cumQty);
    this.#completed[index] = {
      ...order,
      quantity,
      ...(limitPrice === undefined ? {} : { limitPrice }),
      leavesQty: leaves.gt(ZERO) ? leaves : ZERO,
    };
  }

  /**
   * The orders in the rows folded so far, oldest first, and the book of the live ones, caught up
   * with those rows: what recovery goes on from, so that startup reads the journal once. The
   * history is done: it forgets its orders and hears no more completions from the book.
   */
  take(): { readonly orders: ParentSnapshot[]; readonly book: RecoveryBook } {
    this.#done = true;
    const live = Array.from(this.#book.orders(), (order) => this.#snapshot(order));
    const orders = [...this.#completed.splice(0), ...live];
    this.#completedAt.clear();
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

function ending(body: JsonValue): Pick<ParentSnapshot, 'status'> & { text?: string } {
  const { status, refusal } = body as { status?: unknown; refusal?: unknown };
  const ended = { status: parseOrdStatus(status, 'order_completed.status') };
  return refusal === undefined
    ? ended
    : { ...ended, text: parseText(refusal, 'order_completed.refusal') };
}
