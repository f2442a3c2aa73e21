import type { Decimal } from '../market/decimal.js';
import type { Quote } from '../market/quote.js';
import type { Trade } from '../market/trade.js';

/**
 * Each symbol's reference price for the parent checks: the mid of its latest quote, or its last
 * trade's price while no quote with both sides has arrived. Fed by the engine's market data.
 */
export class ReferencePrices {
  readonly #mids = new Map<string, Decimal>();
  readonly #trades = new Map<string, Decimal>();

  /** Takes a quote: its mid becomes the reference when both sides are priced. */
  quote(quote: Quote): void {
    if (quote.bidPx.lte(0) || quote.askPx.lte(0)) return;
    this.#mids.set(quote.symbol, quote.bidPx.plus(quote.askPx).div(2));
  }

  /** Takes a trade: its price is the reference until a quote arrives. */
  trade(trade: Trade): void {
    this.#trades.set(trade.symbol, trade.lastPx);
  }

  /** The reference price of `symbol`, or undefined when neither a quote nor a trade arrived. */
  of(symbol: string): Decimal | undefined {
    return this.#mids.get(symbol) ?? this.#trades.get(symbol);
  }
}
