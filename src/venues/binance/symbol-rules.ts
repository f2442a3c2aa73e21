import { type Decimal, decimal, isWholeMultiple } from '../../market/decimal.js';

/** One symbol's PRICE_FILTER, LOT_SIZE and NOTIONAL filters, as exchangeInfo lists them. */
export interface SymbolRules {
  readonly tickSize?: Decimal;
  readonly minPrice?: Decimal;
  readonly maxPrice?: Decimal;
  readonly stepSize?: Decimal;
  readonly minQty?: Decimal;
  readonly maxQty?: Decimal;
  readonly minNotional?: Decimal;
}

/** exchangeInfo's rate limits entry. */
export interface RateLimitJSON {
  readonly rateLimitType: string;
  readonly interval: string;
  readonly intervalNum: number;
  readonly limit: number;
}

/** What exchangeInfo says the adapter must keep to. */
export interface ExchangeRules {
  readonly symbols: ReadonlyMap<string, SymbolRules>;
  readonly rateLimits: readonly RateLimitJSON[];
}

/** Reads exchangeInfo's answer: each symbol's filters (zero bounds are none) and the limits. */
export function readExchangeInfo(info: unknown): ExchangeRules {
  const { symbols = [], rateLimits = [] } = (info ?? {}) as {
    symbols?: { symbol: string; filters?: Record<string, unknown>[] }[];
    rateLimits?: RateLimitJSON[];
  };
  const rules = new Map<string, SymbolRules>();
  for (const { symbol, filters = [] } of symbols) {
    const of = (type: string) => filters.find((filter) => filter.filterType === type) ?? {};
    const price = of('PRICE_FILTER');
    const lot = of('LOT_SIZE');
    const notional = { ...of('MIN_NOTIONAL'), ...of('NOTIONAL') };
    rules.set(symbol, {
      ...bound('tickSize', price.tickSize),
      ...bound('minPrice', price.minPrice),
      ...bound('maxPrice', price.maxPrice),
      ...bound('stepSize', lot.stepSize),
      ...bound('minQty', lot.minQty),
      ...bound('maxQty', lot.maxQty),
      ...bound('minNotional', notional.minNotional),
    });
  }
  return { symbols: rules, rateLimits };
}

function bound(name: keyof SymbolRules, text: unknown): Partial<SymbolRules> {
  if (typeof text !== 'string') return {};
  const value = decimal(text);
  return value.gt(0) ? { [name]: value } : {};
}

/** A symbol's grid as the engine reads it (algos' InstrumentSpec, which venues/ may not import). */
export interface SymbolGrid {
  readonly tickSize?: Decimal;
  readonly lotSize?: Decimal;
}

/** The grid the engine checks intake and algorithms against: tick and lot from the filters. */
export function instrumentOf(rules: SymbolRules): SymbolGrid {
  return {
    ...(rules.tickSize === undefined ? {} : { tickSize: rules.tickSize }),
    ...(rules.stepSize === undefined ? {} : { lotSize: rules.stepSize }),
  };
}

/**
 * Why Binance would refuse an order of `quantity` at `price` (-1013), or undefined: a price off
 * the tick or outside its bounds, a quantity off the step or outside its bounds, a value under
 * the minimum notional (a market order's is not known here, so not checked).
 */
export function filterProblem(
  symbol: string,
  rules: SymbolRules,
  quantity: Decimal,
  price: Decimal | undefined,
): string | undefined {
  const { tickSize, minPrice, maxPrice, stepSize, minQty, maxQty, minNotional } = rules;
  if (price !== undefined) {
    if (tickSize !== undefined && !isWholeMultiple(price, tickSize))
      return `PRICE_FILTER: price ${price.toFixed()} is not a multiple of ${symbol}'s tick ${tickSize.toFixed()}`;
    if (minPrice !== undefined && price.lt(minPrice))
      return `PRICE_FILTER: price ${price.toFixed()} is below ${symbol}'s minimum ${minPrice.toFixed()}`;
    if (maxPrice !== undefined && price.gt(maxPrice))
      return `PRICE_FILTER: price ${price.toFixed()} is above ${symbol}'s maximum ${maxPrice.toFixed()}`;
  }
  if (stepSize !== undefined && !isWholeMultiple(quantity, stepSize))
    return `LOT_SIZE: quantity ${quantity.toFixed()} is not a multiple of ${symbol}'s step ${stepSize.toFixed()}`;
  if (minQty !== undefined && quantity.lt(minQty))
    return `LOT_SIZE: quantity ${quantity.toFixed()} is below ${symbol}'s minimum ${minQty.toFixed()}`;
  if (maxQty !== undefined && quantity.gt(maxQty))
    return `LOT_SIZE: quantity ${quantity.toFixed()} is above ${symbol}'s maximum ${maxQty.toFixed()}`;
  if (price !== undefined && minNotional !== undefined && price.times(quantity).lt(minNotional))
    return `NOTIONAL: ${quantity.toFixed()} at ${price.toFixed()} is ${price.times(quantity).toFixed()}, under ${symbol}'s minimum ${minNotional.toFixed()}`;
  return undefined;
}
