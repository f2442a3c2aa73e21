import type { PaperMarket } from '../paper/paper-market.js';
import type { AccountBalances } from './account-balances.js';
import { binanceErrors } from './binance-error.js';
import type { BinanceSymbols } from './binance-symbols.js';
import { type CancelReplaceMode, cancelReplace } from './cancel-replace.js';
import { exchangeInfoJSON } from './exchange-info.js';
import { CANCEL_RESTRICTIONS, type LocalExchange, type OrderRef } from './local-exchange.js';
import { readNewOrder, readSymbol } from './new-order.js';
import {
  amendJSON,
  amount,
  cancelJSON,
  newOrderJSON,
  orderStatusJSON,
  tradeJSON,
} from './order-json.js';
import type { RateLimits } from './rate-limits.js';
import type { RequestParams } from './request-params.js';
import { checkQuantity, filtersOf } from './symbol-filters.js';

/** What every endpoint may use. */
export interface EndpointContext {
  readonly exchange: LocalExchange;
  readonly symbols: BinanceSymbols;
  readonly market: PaperMarket;
  readonly limits: RateLimits;
  readonly balances: AccountBalances;
  now(): number;
}

/** How an endpoint is secured: public, signed (TRADE and USER_DATA), or API key only. */
export type Security = 'NONE' | 'SIGNED';

/**
 * One Binance request, served the same way over REST and the WebSocket API: its names there, its
 * security, its request weight, whether it places an order (the ORDERS limits), and what it does.
 */
export interface Endpoint {
  /** `METHOD /path` on the REST API, if it has one there. */
  readonly rest?: string;
  /** The WebSocket API's method name, if it has one there. */
  readonly ws?: string;
  readonly security: Security;
  /** Whether its answers carry the ORDERS counts. */
  readonly placesOrders?: boolean;
  weight(params: RequestParams): number;
  run(params: RequestParams, context: EndpointContext): unknown;
}

const CANCEL_REPLACE_MODES: readonly CancelReplaceMode[] = ['STOP_ON_FAILURE', 'ALLOW_FAILURE'];

/** The order a request names: by `orderId` or `origClientOrderId` (-1102 when neither). */
function readRef(
  params: RequestParams,
  idName = 'orderId',
  clientName = 'origClientOrderId',
): OrderRef {
  const orderId = params.optionalInteger(idName);
  const origClientOrderId = params.optional(clientName);
  if (orderId === undefined && origClientOrderId === undefined) {
    throw binanceErrors.eitherMandatory(idName, clientName);
  }
  return {
    ...(orderId === undefined ? {} : { orderId }),
    ...(origClientOrderId === undefined ? {} : { origClientOrderId }),
  };
}

/** The symbols an exchangeInfo request names (`symbol`, or `symbols` as a JSON array). */
function readSymbolList(params: RequestParams): string[] | undefined {
  const one = params.optional('symbol');
  if (one !== undefined) return [one];
  const many = params.optional('symbols');
  if (many === undefined) return undefined;
  try {
    const list: unknown = JSON.parse(many);
    if (Array.isArray(list) && list.every((item) => typeof item === 'string')) return list;
  } catch {}
  throw binanceErrors.invalidParam('symbols');
}

/** Every endpoint the local Binance serves. */
export const ENDPOINTS: readonly Endpoint[] = [
  {
    rest: 'GET /api/v3/ping',
    ws: 'ping',
    security: 'NONE',
    weight: () => 1,
    run: () => ({}),
  },
  {
    rest: 'GET /api/v3/time',
    ws: 'time',
    security: 'NONE',
    weight: () => 1,
    run: (_params, { now }) => ({ serverTime: now() }),
  },
  {
    rest: 'GET /api/v3/exchangeInfo',
    ws: 'exchangeInfo',
    security: 'NONE',
    weight: () => 20,
    run: (params, { symbols, market, limits, now }) => {
      const only = readSymbolList(params);
      params.consume('permissions', 'showPermissionSets', 'symbolStatus');
      if (only?.some((name) => symbols.byBinance(name) === undefined)) {
        throw binanceErrors.invalidSymbol();
      }
      return exchangeInfoJSON(symbols, market, limits, now(), only);
    },
  },
  {
    rest: 'GET /api/v3/ticker/bookTicker',
    ws: 'ticker.book',
    security: 'NONE',
    weight: (params) => (params.has('symbol') ? 2 : 4),
    run: (params, { symbols, market }) => {
      const book = (symbol: ReturnType<typeof readSymbol>) => {
        const quote = market.quote(symbol.exo);
        return {
          symbol: symbol.binance,
          bidPrice: amount(quote?.bidPx),
          bidQty: amount(quote?.bidQty),
          askPrice: amount(quote?.askPx),
          askQty: amount(quote?.askQty),
        };
      };
      return params.has('symbol') ? book(readSymbol(params, symbols)) : symbols.all.map(book);
    },
  },
  {
    rest: 'POST /api/v3/order',
    ws: 'order.place',
    security: 'SIGNED',
    placesOrders: true,
    weight: () => 1,
    run: async (params, { exchange, limits, now, ...market }) => {
      const { terms, respType } = readNewOrder(params, market);
      params.done();
      limits.chargeOrder(now());
      const order = await exchange.place(terms);
      return newOrderJSON(order, respType, now());
    },
  },
  {
    rest: 'DELETE /api/v3/order',
    ws: 'order.cancel',
    security: 'SIGNED',
    weight: () => 1,
    run: async (params, { exchange, symbols, now }) => {
      const symbol = readSymbol(params, symbols);
      const ref = readRef(params);
      const newClientOrderId = params.optionalClientId('newClientOrderId');
      params.done();
      const order = await exchange.cancel(symbol, ref, newClientOrderId);
      return cancelJSON(order, now());
    },
  },
  {
    rest: 'GET /api/v3/order',
    ws: 'order.status',
    security: 'SIGNED',
    weight: () => 4,
    run: (params, { exchange, symbols }) => {
      const symbol = readSymbol(params, symbols);
      const ref = readRef(params);
      params.done();
      const order = exchange.order(symbol, ref);
      if (
        ref.orderId !== undefined &&
        ref.origClientOrderId !== undefined &&
        order.clientOrderId !== ref.origClientOrderId
      ) {
        throw binanceErrors.clientIdMismatch();
      }
      return orderStatusJSON(order);
    },
  },
  {
    rest: 'PUT /api/v3/order/amend/keepPriority',
    ws: 'order.amend.keepPriority',
    security: 'SIGNED',
    weight: () => 4,
    run: async (params, { exchange, symbols, market, now }) => {
      const symbol = readSymbol(params, symbols);
      const ref = readRef(params);
      const newQty = params.decimal('newQty');
      const newClientOrderId = params.optionalClientId('newClientOrderId');
      params.done();
      checkQuantity(filtersOf(market.instrument(symbol.exo)!), newQty);
      const order = await exchange.amend(symbol, ref, newQty, newClientOrderId);
      return amendJSON(order, now(), exchange.executionId);
    },
  },
  {
    rest: 'POST /api/v3/order/cancelReplace',
    ws: 'order.cancelReplace',
    security: 'SIGNED',
    placesOrders: true,
    weight: () => 1,
    run: async (params, { exchange, limits, now, ...market }) => {
      const symbol = readSymbol(params, market.symbols);
      const mode = params.oneOf('cancelReplaceMode', CANCEL_REPLACE_MODES, () =>
        binanceErrors.invalidParam('cancelReplaceMode'),
      );
      const ref = readRef(params, 'cancelOrderId', 'cancelOrigClientOrderId');
      const cancelNewClientOrderId = params.optionalClientId('cancelNewClientOrderId');
      const restriction =
        params.optional('cancelRestrictions') === undefined
          ? undefined
          : params.oneOf('cancelRestrictions', CANCEL_RESTRICTIONS, () =>
              binanceErrors.invalidParam('cancelRestrictions'),
            );
      const order = readNewOrder(params, market, symbol);
      params.done();
      limits.chargeOrder(now());
      return cancelReplace(
        exchange,
        symbol,
        mode,
        {
          ref,
          ...(cancelNewClientOrderId === undefined
            ? {}
            : { newClientOrderId: cancelNewClientOrderId }),
          ...(restriction === undefined ? {} : { restriction }),
        },
        order,
        now,
      );
    },
  },
  {
    rest: 'GET /api/v3/openOrders',
    ws: 'openOrders.status',
    security: 'SIGNED',
    weight: (params) => (params.has('symbol') ? 6 : 80),
    run: (params, { exchange, symbols }) => {
      const symbol = params.has('symbol') ? readSymbol(params, symbols) : undefined;
      params.done();
      return exchange.openOrders(symbol).map(orderStatusJSON);
    },
  },
  {
    rest: 'GET /api/v3/myTrades',
    ws: 'myTrades',
    security: 'SIGNED',
    weight: (params) => (params.has('orderId') ? 5 : 20),
    run: (params, { exchange, symbols }) => {
      const symbol = readSymbol(params, symbols);
      const fromId = params.optionalInteger('fromId');
      const orderId = params.optionalInteger('orderId');
      const limit = params.optionalInteger('limit');
      params.done();
      return exchange
        .myTrades(symbol, {
          ...(fromId === undefined ? {} : { fromId }),
          ...(orderId === undefined ? {} : { orderId }),
          ...(limit === undefined ? {} : { limit }),
        })
        .map(tradeJSON);
    },
  },
  {
    rest: 'GET /api/v3/account',
    ws: 'account.status',
    security: 'SIGNED',
    weight: () => 20,
    run: (params, { balances, now }) => {
      params.consume('omitZeroBalances');
      params.done();
      return balances.accountJSON(now());
    },
  },
];
