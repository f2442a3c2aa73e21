import type { Decimal } from '../../market/decimal.js';
import { extended } from '../../market/extended.js';
import type { BinanceOrder, BinanceTrade } from './binance-order.js';

/** A decimal as Binance writes amounts: a string with eight decimals. */
export function amount(value: Decimal | undefined): string {
  return value === undefined ? '0.00000000' : value.toFixed(8);
}

/** What a fill costs here: nothing, charged in the asset the account receives (never null). */
function commissionAsset(trade: BinanceTrade): string {
  return trade.isBuyer ? trade.symbol.baseAsset : trade.symbol.quoteAsset;
}

/** The fields every order answer shares. */
function common(order: BinanceOrder) {
  return {
    symbol: order.terms.symbol.binance,
    orderId: order.orderId,
    orderListId: -1,
    clientOrderId: order.clientOrderId,
  };
}

function terms(order: BinanceOrder) {
  return {
    price: amount(order.terms.price),
    origQty: amount(order.origQty),
    executedQty: amount(order.executedQty),
    origQuoteOrderQty: amount(undefined),
    cummulativeQuoteQty: amount(order.cumulativeQuoteQty),
    status: order.status,
    timeInForce: order.terms.timeInForce,
    type: order.terms.type,
    side: order.terms.side,
  };
}

/** Binance's `newOrderRespType`: how much a new order's answer says. */
export type OrderRespType = 'ACK' | 'RESULT' | 'FULL';

/** A new order's answer: ACK (IDs), RESULT (its state) or FULL (and its fills so far). */
export function newOrderJSON(order: BinanceOrder, respType: OrderRespType, transactTime: number) {
  // Every order's answer is built here: no spread-first literal (see market/extended.ts).
  const ack = extended(common(order), { transactTime });
  if (respType === 'ACK') return ack;
  const result = {
    ...ack,
    ...terms(order),
    ...(order.workingTime === undefined ? {} : { workingTime: order.workingTime }),
    selfTradePreventionMode: 'NONE',
  };
  if (respType === 'RESULT') return result;
  return {
    ...result,
    fills: order.trades.map((trade) => ({
      price: amount(trade.price),
      qty: amount(trade.qty),
      commission: amount(undefined),
      commissionAsset: commissionAsset(trade),
      tradeId: trade.id,
    })),
  };
}

/** An order as a status query (and openOrders) shows it. */
export function orderStatusJSON(order: BinanceOrder) {
  return {
    ...common(order),
    ...terms(order),
    stopPrice: amount(undefined),
    icebergQty: amount(undefined),
    time: order.time,
    updateTime: order.updateTime,
    isWorking: order.workingTime !== undefined,
    workingTime: order.workingTime ?? -1,
    origQuoteOrderQty: amount(undefined),
    selfTradePreventionMode: 'NONE',
  };
}

/** A cancelled order as the cancel answers: `origClientOrderId` is the ID it had. */
export function cancelJSON(order: BinanceOrder, transactTime: number) {
  return {
    symbol: order.terms.symbol.binance,
    origClientOrderId: order.previousClientOrderId,
    orderId: order.orderId,
    orderListId: -1,
    clientOrderId: order.clientOrderId,
    transactTime,
    ...terms(order),
    selfTradePreventionMode: 'NONE',
  };
}

/** A keep-priority amend's answer. */
export function amendJSON(order: BinanceOrder, transactTime: number, executionId: number) {
  return {
    transactTime,
    executionId,
    amendedOrder: {
      symbol: order.terms.symbol.binance,
      orderId: order.orderId,
      orderListId: -1,
      origClientOrderId: order.previousClientOrderId,
      clientOrderId: order.clientOrderId,
      price: amount(order.terms.price),
      qty: amount(order.origQty),
      executedQty: amount(order.executedQty),
      preventedQty: amount(undefined),
      quoteOrderQty: amount(undefined),
      cumulativeQuoteQty: amount(order.cumulativeQuoteQty),
      status: order.status,
      timeInForce: order.terms.timeInForce,
      type: order.terms.type,
      side: order.terms.side,
      ...(order.workingTime === undefined ? {} : { workingTime: order.workingTime }),
      selfTradePreventionMode: 'NONE',
    },
  };
}

/** One of the account's trades as myTrades lists it. */
export function tradeJSON(trade: BinanceTrade) {
  return {
    symbol: trade.symbol.binance,
    id: trade.id,
    orderId: trade.orderId,
    orderListId: -1,
    price: amount(trade.price),
    qty: amount(trade.qty),
    quoteQty: amount(trade.price.times(trade.qty)),
    commission: amount(undefined),
    commissionAsset: commissionAsset(trade),
    time: trade.time,
    isBuyer: trade.isBuyer,
    isMaker: trade.isMaker,
    isBestMatch: true,
  };
}

/** What executionReport's x says happened. */
export type ExecutionType = 'NEW' | 'CANCELED' | 'REPLACED' | 'REJECTED' | 'TRADE' | 'EXPIRED';

/**
 * The user data stream's executionReport for what just happened to `order` (user-data-stream.md):
 * `c` its client ID now, `C` the one it had before a cancel or amend ('' otherwise), `t` the trade
 * ID of a TRADE (-1 otherwise), `l`/`L` the trade's quantity and price, `z` and `Z` the totals.
 */
export function executionReportJSON(
  order: BinanceOrder,
  x: ExecutionType,
  eventTime: number,
  executionId: number,
  trade?: BinanceTrade,
  rejectReason = 'NONE',
) {
  return {
    e: 'executionReport',
    E: eventTime,
    s: order.terms.symbol.binance,
    c: order.clientOrderId,
    S: order.terms.side,
    o: order.terms.type,
    f: order.terms.timeInForce,
    q: amount(order.origQty),
    p: amount(order.terms.price),
    P: amount(undefined),
    F: amount(undefined),
    g: -1,
    C: x === 'CANCELED' || x === 'REPLACED' ? order.previousClientOrderId : '',
    x,
    X: order.status,
    r: rejectReason,
    i: order.orderId,
    l: amount(trade?.qty),
    z: amount(order.executedQty),
    L: amount(trade?.price),
    n: amount(undefined),
    N: trade === undefined ? null : commissionAsset(trade),
    T: trade?.time ?? eventTime,
    t: trade?.id ?? -1,
    I: executionId,
    w: order.isOpen && order.workingTime !== undefined,
    m: trade?.isMaker ?? false,
    M: false,
    O: order.time,
    Z: amount(order.cumulativeQuoteQty),
    Y: amount(trade === undefined ? undefined : trade.price.times(trade.qty)),
    Q: amount(undefined),
    ...(order.workingTime === undefined ? {} : { W: order.workingTime }),
    V: 'NONE',
  };
}

/** An executionReport, as the user data stream sends it. */
export type ExecutionReportJSON = ReturnType<typeof executionReportJSON>;
