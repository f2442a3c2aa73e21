/**
 * Per-symbol trade IDs, increasing from 1, shared by the public trade stream's prints and the
 * account's own executions, as on Binance where both are numbered by one sequence per symbol: a
 * `fromId` cursor therefore never sees two trades with one ID.
 */
export class TradeIds {
  readonly #last = new Map<string, number>();

  /** The next ID for `symbol` (Binance's name). */
  next(symbol: string): number {
    const id = (this.#last.get(symbol) ?? 0) + 1;
    this.#last.set(symbol, id);
    return id;
  }
}
