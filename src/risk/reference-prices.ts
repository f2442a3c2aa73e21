import { type Decimal, sign } from '../market/decimal.js';
import type { Quote } from '../market/quote.js';
import type { Trade } from '../market/trade.js';
import { Fixed } from './fixed.js';

/** A reference price: exact as Fixed, and as a Decimal (a quote's mid once asked for). */
interface Price {
  readonly fixed: Fixed;
  decimal: Decimal | undefined;
}

/** A symbol's mid: the latest quote priced on both sides, worked out once asked for. */
interface Mid {
  /** The latest such quote, not yet worked out into `price`. */
  quote: Quote | undefined;
  price: Price | undefined;
}

/** A symbol's last trade price, made Fixed once asked for. */
interface Last {
  /** The latest trade's price, not yet worked out into `price`. */
  px: Decimal | undefined;
  price: Price | undefined;
}

/**
 * Each symbol's reference price for the parent checks: the mid of its latest quote, or its last
 * trade's price while no quote with both sides has arrived. Fed by the engine's market data on
 * every tick, so a tick only keeps its quote (after a sign check that allocates nothing) or its
 * trade's price: the mid is worked out in Fixed (a few ns, where big.js divides in microseconds)
 * when first asked for after a quote, and made a Decimal only when asked for as one.
 */
export class ReferencePrices {
  readonly #mids = new Map<string, Mid>();
  readonly #trades = new Map<string, Last>();

  /** Takes a quote: its mid becomes the reference when both sides are priced. */
  quote(quote: Quote): void {
    if (sign(quote.bidPx) <= 0 || sign(quote.askPx) <= 0) return;
    const mid = this.#mids.get(quote.symbol);
    if (mid === undefined) this.#mids.set(quote.symbol, { quote, price: undefined });
    else mid.quote = quote;
  }

  /** Takes a trade: its price is the reference until a quote arrives. */
  trade(trade: Trade): void {
    const last = this.#trades.get(trade.symbol);
    if (last === undefined) this.#trades.set(trade.symbol, { px: trade.lastPx, price: undefined });
    else last.px = trade.lastPx;
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
    const mid = this.#mids.get(symbol);
    if (mid === undefined) return this.#lastTrade(symbol);
    const { quote } = mid;
    if (quote !== undefined) {
      mid.quote = undefined;
      mid.price = {
        fixed: Fixed.of(quote.bidPx).plus(Fixed.of(quote.askPx)).half(),
        decimal: undefined,
      };
    }
    return mid.price;
  }

  #lastTrade(symbol: string): Price | undefined {
    const last = this.#trades.get(symbol);
    if (last === undefined) return undefined;
    const { px } = last;
    if (px !== undefined) {
      last.px = undefined;
      last.price = { fixed: Fixed.of(px), decimal: px };
    }
    return last.price;
  }
}
