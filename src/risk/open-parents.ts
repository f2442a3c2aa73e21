import type { Decimal } from '../market/decimal.js';
import type { Side } from '../market/side.js';
import type { OpenParentCounts } from './parent-checks.js';

/** An open parent as counted: where it trades, which way, and the quantity it was accepted with. */
export interface OpenParent {
  readonly orderId: string;
  readonly symbol: string;
  readonly side: Side;
  readonly quantity: Decimal;
}

/**
 * The parents counted against maxOpenParents (and, by side, against `reducing`): each from the
 * moment intake accepts it (before its row commits, so two requests in flight cannot both take
 * the last place) until it completes, is refused, or fails to be journaled; orders brought back
 * by recovery count too.
 */
export class OpenParents {
  readonly #parents = new Map<string, OpenParent>();
  readonly #counts = new Map<string, number>();

  /** Counts a parent; a second add of the same order changes nothing. */
  add(parent: OpenParent): void {
    if (this.#parents.has(parent.orderId)) return;
    const { orderId, symbol, side, quantity } = parent;
    this.#parents.set(orderId, { orderId, symbol, side, quantity });
    this.#counts.set(symbol, (this.#counts.get(symbol) ?? 0) + 1);
  }

  /** Stops counting a parent; one not counted changes nothing. */
  remove(orderId: string): void {
    const symbol = this.#parents.get(orderId)?.symbol;
    if (symbol === undefined) return;
    this.#parents.delete(orderId);
    const left = (this.#counts.get(symbol) ?? 1) - 1;
    if (left === 0) this.#counts.delete(symbol);
    else this.#counts.set(symbol, left);
  }

  /** The open parents on `symbol` and in total. */
  counts(symbol: string): OpenParentCounts {
    return { onSymbol: this.#counts.get(symbol) ?? 0, total: this.#parents.size };
  }

  /** The open parents on `symbol` on `side`, in the order they were counted. */
  *onSide(symbol: string, side: Side): Generator<OpenParent> {
    for (const parent of this.#parents.values()) {
      if (parent.symbol === symbol && parent.side === side) yield parent;
    }
  }
}
