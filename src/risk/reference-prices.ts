import type { Decimal } from '../market/decimal.js';
import type { Quote } from '../market/quote.js';
import type { Trade } from '../market/trade.js';
import { Fixed } from './fixed.js';

/** A reference price: exact as Fixed, and as a Decimal (a quote's mid once asked for). */
interface Price {
  readonly fixed: Fixed;
  decimal: Decimal | undefined;
}

/**
 * Each symbol's reference price for the parent checks: the mid of its latest quote, or its last
 * trade's price while no quote with both sides has arrived. Fed by the engine's market data: the
 * mid of every quote is worked out in Fixed (a few ns, where big.js divides in microseconds), and
 * made a Decimal only when asked for, once per quote.
 */
export class ReferencePrices {
  readonly #mids = new Map<string, Price>();
  readonly #trades = new Map<string, Price>();

  /** Takes a quote: its mid becomes the reference when both sides are priced. */
  quote(quote: Quote): void {
    const bid = Fixed.of(quote.bidPx);
    const ask = Fixed.of(quote.askPx);
    if (bid.sign() <= 0 || ask.sign() <= 0) return;
    this.#mids.set(quote.symbol, { fixed: bid.plus(ask).half(), decimal: undefined });
  }

  /** Takes a trade: its price is the reference until a quote arrives. */
  trade(trade: Trade): void {
    this.#trades.set(trade.symbol, { fixed: Fixed.of(trade.lastPx), decimal: trade.lastPx });
  }

  /**
   * The reference price of `symbol`, or undefined when neither a quote nor a trade arrived: the
   * same Decimal until the next quote or trade.
   */
  of(symbol: string): Decimal | undefined {
    const price = this.#priceOf(symbol);
    if (price === undefined) return undefined;
    price.decimal ??= price.fixed.toDecimal();
    return price.decimal;
  }

  /** The same, as Fixed (what the exposure rules and the daily loss compute with): the same object until the next. */
  fixedOf(symbol: string): Fixed | undefined {
    return this.#priceOf(symbol)?.fixed;
  }

  #priceOf(symbol: string): Price | undefined {
    return this.#mids.get(symbol) ?? this.#trades.get(symbol);
  }
}
