import type { Decimal } from '../../market/decimal.js';
import type { Side } from '../../market/side.js';
import type { BinanceChild } from './binance-child.js';
import { BINANCE_TIF } from './order-status-json.js';

/** An order request's WebSocket API params, before signing. */
export type OrderParams = Record<string, unknown>;

/** Binance's side. */
function sideOf(side: Side): 'BUY' | 'SELL' {
  return side === 'buy' ? 'BUY' : 'SELL';
}

/** The type, time in force and price of an order at `price` (a market order without one). */
function pricing(child: BinanceChild, price: Decimal | undefined): OrderParams {
  if (price === undefined) return { type: 'MARKET' };
  return { type: 'LIMIT', timeInForce: BINANCE_TIF[child.timeInForce], price: price.toFixed() };
}

/** `order.place` for a new child: answered with an ACK, what happens comes on the stream. */
export function placeParams(child: BinanceChild): OrderParams {
  return {
    symbol: child.symbol,
    side: sideOf(child.side),
    ...pricing(child, child.limitPrice),
    quantity: child.quantity.toFixed(),
    newClientOrderId: child.currentId,
    newOrderRespType: 'ACK',
  };
}

/**
 * `order.amend.keepPriority` down to exo's total `quantity` (less what earlier orders filled).
 * Binance gives the order a random client ID unless told one: it is told the one it has, so the
 * child keeps its name.
 */
export function amendParams(child: BinanceChild, quantity: Decimal): OrderParams {
  return {
    symbol: child.symbol,
    origClientOrderId: child.currentId,
    newClientOrderId: child.currentId,
    newQty: quantity.minus(child.baseQty).toFixed(),
  };
}

/**
 * `order.place` of the order that replaces a child's cancelled one: what is left to fill
 * (`leaves`) at `price`, under `newId`.
 */
export function replacementParams(
  child: BinanceChild,
  newId: string,
  leaves: Decimal,
  price: Decimal | undefined,
): OrderParams {
  return {
    symbol: child.symbol,
    side: sideOf(child.side),
    ...pricing(child, price),
    quantity: leaves.toFixed(),
    newClientOrderId: newId,
    newOrderRespType: 'ACK',
  };
}

/**
 * `order.cancelReplace` (STOP_ON_FAILURE) of a working order exo knows of no fill on: the order
 * cancelled, and a new one under `newId` for what is left to fill (`leaves`) at `price`. The
 * cancelled order keeps its name (see cancelParams). Binance's new order knows nothing of what
 * the cancelled one filled, so `cancelRestrictions: ONLY_NEW` makes the cancel (and so, under
 * STOP_ON_FAILURE, the new order) fail if a fill exo has not heard of yet is on its way: the
 * refusal (-2022) is a replace_rejected, and the algorithm decides again with the fill in hand.
 * A partly filled order is never cancelReplaced (no restriction covers a further fill on it):
 * the adapter cancels it and places the replacement for what the cancel's answer left.
 */
export function cancelReplaceParams(
  child: BinanceChild,
  newId: string,
  leaves: Decimal,
  price: Decimal | undefined,
): OrderParams {
  return {
    ...replacementParams(child, newId, leaves, price),
    cancelReplaceMode: 'STOP_ON_FAILURE',
    cancelRestrictions: 'ONLY_NEW',
    cancelOrigClientOrderId: child.currentId,
    cancelNewClientOrderId: child.currentId,
  };
}

/**
 * `order.cancel` of the working order. A cancel renames the order on Binance (to a random ID
 * unless told one), and then an order query shows only that name: it is told the one it has, so
 * that a restarted exo, listing the account's trades, can still tell whose child made them.
 */
export function cancelParams(child: BinanceChild): OrderParams {
  return {
    symbol: child.symbol,
    origClientOrderId: child.currentId,
    newClientOrderId: child.currentId,
  };
}
