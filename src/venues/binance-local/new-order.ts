import { isWithinLimit } from '../../market/side.js';
import type { PaperMarket } from '../paper/paper-market.js';
import { binanceErrors } from './binance-error.js';
import type {
  BinanceOrderType,
  BinanceSide,
  BinanceTimeInForce,
  NewOrderTerms,
} from './binance-order.js';
import type { BinanceSymbol, BinanceSymbols } from './binance-symbols.js';
import { randomClientId } from './local-exchange.js';
import type { OrderRespType } from './order-json.js';
import type { RequestParams } from './request-params.js';
import { checkNotional, checkPrice, checkQuantity, filtersOf } from './symbol-filters.js';

const SIDES: readonly BinanceSide[] = ['BUY', 'SELL'];
const TYPES: readonly BinanceOrderType[] = ['LIMIT', 'MARKET', 'LIMIT_MAKER'];
const TIMES_IN_FORCE: readonly BinanceTimeInForce[] = ['GTC', 'IOC', 'FOK'];
const RESP_TYPES: readonly OrderRespType[] = ['ACK', 'RESULT', 'FULL'];

/** What the order checks need from the market: grids and the touch. */
export interface OrderMarket {
  readonly symbols: BinanceSymbols;
  readonly market: PaperMarket;
}

/** A symbol by Binance name, or -1121. */
export function readSymbol(params: RequestParams, symbols: BinanceSymbols): BinanceSymbol {
  const symbol = symbols.byBinance(params.text('symbol'));
  if (symbol === undefined) throw binanceErrors.invalidSymbol();
  return symbol;
}

/**
 * A new order's terms from order.place / POST /api/v3/order parameters (cancel-replace's new order
 * too), checked as Binance checks them: enums (-1117, -1116, -1115), what each type needs (-1102)
 * or must not have (-1106), the client ID's format (-1100), the filters (-1013), and a LIMIT_MAKER
 * that would take (-2010). Reads `symbol` itself unless given.
 */
export function readNewOrder(
  params: RequestParams,
  { symbols, market }: OrderMarket,
  symbol = readSymbol(params, symbols),
): { terms: NewOrderTerms; respType: OrderRespType } {
  const side = params.oneOf('side', SIDES, binanceErrors.invalidSide);
  const type = params.oneOf('type', TYPES, binanceErrors.invalidType);
  const clientOrderId = params.optionalClientId('newClientOrderId') ?? randomClientId();
  if (params.has('quoteOrderQty')) {
    throw binanceErrors.orderRejected(
      'Quote order qty market orders are not support for this symbol.',
    );
  }
  const quantity = params.decimal('quantity');
  let timeInForce: BinanceTimeInForce = 'GTC';
  if (type === 'LIMIT') {
    timeInForce = params.oneOf('timeInForce', TIMES_IN_FORCE, binanceErrors.invalidTif);
  } else if (params.has('timeInForce')) {
    throw binanceErrors.notRequired('timeInForce');
  }
  const price = type === 'MARKET' ? undefined : params.decimal('price');
  if (type === 'MARKET' && params.has('price')) throw binanceErrors.notRequired('price');
  const respType = params.has('newOrderRespType')
    ? params.oneOf('newOrderRespType', RESP_TYPES, binanceErrors.invalidRespType)
    : type === 'LIMIT_MAKER'
      ? 'ACK'
      : 'FULL';
  const filters = filtersOf(market.instrument(symbol.exo)!);
  if (price !== undefined) checkPrice(filters, price);
  checkQuantity(filters, quantity);
  const quote = market.quote(symbol.exo);
  const exoSide = side === 'BUY' ? 'buy' : 'sell';
  const reference = price ?? quote?.farPx(exoSide);
  if (reference !== undefined) checkNotional(filters, quantity, reference, price === undefined);
  if (
    type === 'LIMIT_MAKER' &&
    price !== undefined &&
    quote !== undefined &&
    isWithinLimit(exoSide, quote.farPx(exoSide), price)
  ) {
    throw binanceErrors.orderRejected('Order would immediately match and take.');
  }
  return {
    terms: {
      symbol,
      side,
      type,
      timeInForce,
      quantity,
      ...(price === undefined ? {} : { price }),
      clientOrderId,
    },
    respType,
  };
}
