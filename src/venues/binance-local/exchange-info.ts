import type { PaperMarket } from '../paper/paper-market.js';
import type { BinanceSymbols } from './binance-symbols.js';
import type { RateLimits } from './rate-limits.js';
import { filtersJSON, filtersOf } from './symbol-filters.js';

/**
 * exchangeInfo's answer: the rate limits and, for each listed symbol (or those asked for), its
 * assets, precisions, order types and PRICE_FILTER, LOT_SIZE and NOTIONAL filters.
 */
export function exchangeInfoJSON(
  symbols: BinanceSymbols,
  market: PaperMarket,
  limits: RateLimits,
  now: number,
  only?: readonly string[],
) {
  return {
    timezone: 'UTC',
    serverTime: now,
    rateLimits: limits.limitsJSON(),
    exchangeFilters: [],
    symbols: symbols.all
      .filter((symbol) => only === undefined || only.includes(symbol.binance))
      .map((symbol) => ({
        symbol: symbol.binance,
        status: 'TRADING',
        baseAsset: symbol.baseAsset,
        baseAssetPrecision: 8,
        quoteAsset: symbol.quoteAsset,
        quotePrecision: 8,
        quoteAssetPrecision: 8,
        baseCommissionPrecision: 8,
        quoteCommissionPrecision: 8,
        orderTypes: ['LIMIT', 'LIMIT_MAKER', 'MARKET'],
        icebergAllowed: false,
        ocoAllowed: false,
        otoAllowed: false,
        quoteOrderQtyMarketAllowed: false,
        allowTrailingStop: false,
        cancelReplaceAllowed: true,
        amendAllowed: true,
        isSpotTradingAllowed: true,
        isMarginTradingAllowed: false,
        filters: filtersJSON(filtersOf(market.instrument(symbol.exo)!)),
        permissions: [],
        permissionSets: [['SPOT']],
        defaultSelfTradePreventionMode: 'NONE',
        allowedSelfTradePreventionModes: ['NONE'],
      })),
  };
}
