import type { OpenParentCounts } from './parent-checks.js';

/**
 * The parents counted against maxOpenParents: each from the moment intake accepts it (before its
 * row commits, so two requests in flight cannot both take the last place) until it completes, is
 * refused, or fails to be journaled; orders brought back by recovery count too.
 */
export class OpenParents {
  readonly #symbols = new Map<string, string>();
  readonly #counts = new Map<string, number>();

  /** Counts a parent; a second add of the same order changes nothing. */
  add(orderId: string, symbol: string): void {
    if (this.#symbols.has(orderId)) return;
    this.#symbols.set(orderId, symbol);
    this.#counts.set(symbol, (this.#counts.get(symbol) ?? 0) + 1);
  }

  /** Stops counting a parent; one not counted changes nothing. */
  remove(orderId: string): void {
    const symbol = this.#symbols.get(orderId);
    if (symbol === undefined) return;
    this.#symbols.delete(orderId);
    const left = (this.#counts.get(symbol) ?? 1) - 1;
    if (left === 0) this.#counts.delete(symbol);
    else this.#counts.set(symbol, left);
  }

  /** The open parents on `symbol` and in total. */
  counts(symbol: string): OpenParentCounts {
    return { onSymbol: this.#counts.get(symbol) ?? 0, total: this.#symbols.size };
  }
}
