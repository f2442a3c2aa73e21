import { type Decimal, decimal, isWholeMultiple } from '../../market/decimal.js';
import type { PaperInstrument } from '../paper/paper-market.js';
import { binanceErrors } from './binance-error.js';
import { amount } from './order-json.js';

/** One symbol's PRICE_FILTER, LOT_SIZE and NOTIONAL filters (filters.md). */
export interface SymbolFilters {
  readonly minPrice: Decimal;
  readonly maxPrice: Decimal;
  readonly tickSize: Decimal;
  readonly minQty: Decimal;
  readonly maxQty: Decimal;
  readonly stepSize: Decimal;
  readonly minNotional: Decimal;
  readonly maxNotional: Decimal;
}

const MAX_PRICE = decimal('1000000');
const MAX_QTY = decimal('9000');
/** Binance's minimum order value on USDT pairs (5 USDT). */
const MIN_NOTIONAL = decimal('5');
const MAX_NOTIONAL = decimal('9000000');

/** The filters of a simulated instrument: its tick and lot, and Binance's USDT notional bounds. */
export function filtersOf(instrument: PaperInstrument): SymbolFilters {
  return {
    minPrice: instrument.tick,
    maxPrice: MAX_PRICE,
    tickSize: instrument.tick,
    minQty: instrument.lot,
    maxQty: MAX_QTY,
    stepSize: instrument.lot,
    minNotional: MIN_NOTIONAL,
    maxNotional: MAX_NOTIONAL,
  };
}

/** The filters as exchangeInfo lists them. */
export function filtersJSON(filters: SymbolFilters) {
  return [
    {
      filterType: 'PRICE_FILTER',
      minPrice: amount(filters.minPrice),
      maxPrice: amount(filters.maxPrice),
      tickSize: amount(filters.tickSize),
    },
    {
      filterType: 'LOT_SIZE',
      minQty: amount(filters.minQty),
      maxQty: amount(filters.maxQty),
      stepSize: amount(filters.stepSize),
    },
    {
      filterType: 'NOTIONAL',
      minNotional: amount(filters.minNotional),
      applyMinToMarket: true,
      maxNotional: amount(filters.maxNotional),
      applyMaxToMarket: false,
      avgPriceMins: 0,
    },
  ];
}

/** Checks a price against PRICE_FILTER (-1013 "Filter failure: PRICE_FILTER"). */
export function checkPrice(filters: SymbolFilters, price: Decimal): void {
  if (
    price.lt(filters.minPrice) ||
    price.gt(filters.maxPrice) ||
    !onStep(price, filters.tickSize)
  ) {
    throw binanceErrors.filter('PRICE_FILTER');
  }
}

/** Checks a quantity against LOT_SIZE (-1013 "Filter failure: LOT_SIZE"). */
export function checkQuantity(filters: SymbolFilters, quantity: Decimal): void {
  if (
    quantity.lt(filters.minQty) ||
    quantity.gt(filters.maxQty) ||
    !onStep(quantity, filters.stepSize)
  ) {
    throw binanceErrors.filter('LOT_SIZE');
  }
}

/**
 * Checks an order's value against NOTIONAL (-1013 "Filter failure: NOTIONAL"): the limit price, or
 * for a market order the last price (`avgPriceMins` 0), times the quantity; the maximum only binds
 * limit orders, as `applyMaxToMarket` false says.
 */
export function checkNotional(
  filters: SymbolFilters,
  quantity: Decimal,
  price: Decimal,
  isMarket: boolean,
): void {
  const notional = quantity.times(price);
  if (notional.lt(filters.minNotional) || (!isMarket && notional.gt(filters.maxNotional))) {
    throw binanceErrors.filter('NOTIONAL');
  }
}

/** Whether a value is a whole number of steps; a zero step disables the rule (filters.md). */
function onStep(value: Decimal, step: Decimal): boolean {
  return step.eq(0) || isWholeMultiple(value, step);
}
