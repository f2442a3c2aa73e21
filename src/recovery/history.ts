import type { Clock } from '../core/clock.js';
import type { JournalRow, JsonValue } from '../journal/journal-row.js';
import { parseOrdStatus, parseText } from '../market/parse-field.js';
import type { ParentSnapshot } from '../orders/order-snapshot.js';
import { ParentState } from '../orders/parent-state.js';
import { RecoveryBook } from './recovery-book.js';

/**
 * The orders that completed while the journal still holds their rows, as they ended: what
 * `GET /v1/orders` showed before a restart and must show after it. Fed every row from the start
 * (a snapshot holds only live orders); the terminal status and reason come from each
 * order's `order_completed` row.
 */
export class OrderHistory {
  readonly #completed: ParentSnapshot[] = [];
  readonly #book: RecoveryBook;

  constructor(clock: Clock) {
    this.#book = new RecoveryBook((order, body, time) => {
      const state = ParentState.restore(order.recovered().parent, { listener: () => {}, clock });
      this.#completed.push({ ...state.snapshot(), ...ending(body), updatedAt: time });
    });
  }

  /** Folds the next journal row. */
  apply(row: JournalRow): void {
    this.#book.apply(row);
  }

  /** The orders completed in the rows folded so far, oldest first; the history forgets them. */
  take(): ParentSnapshot[] {
    return this.#completed.splice(0);
  }
}

function ending(body: JsonValue): Pick<ParentSnapshot, 'status'> & { text?: string } {
  const { status, refusal } = body as { status?: unknown; refusal?: unknown };
  const ended = { status: parseOrdStatus(status, 'order_completed.status') };
  return refusal === undefined
    ? ended
    : { ...ended, text: parseText(refusal, 'order_completed.refusal') };
}
