import { ZERO } from '../../market/decimal.js';
import type { Side } from '../../market/side.js';
import type { TimeInForce } from '../../market/time-in-force.js';
import { parentIdOf } from '../child-id.js';
import type { VenueOrderStatus } from '../venue-queries.js';
import { BinanceChild } from './binance-child.js';
import { amountOf } from './binance-children.js';
import { BINANCE_STATUS } from './execution-report.js';

/** An order as Binance's order status and openOrders answer it (the fields read). */
export interface BinanceOrderJSON {
  readonly symbol: string;
  readonly orderId: number;
  readonly clientOrderId: string;
  readonly price: string;
  readonly origQty: string;
  readonly executedQty: string;
  readonly cummulativeQuoteQty: string;
  readonly status: string;
  readonly timeInForce: string;
  readonly type: string;
  readonly side: string;
}

/** exo's time in force as Binance's; `day` has no Binance equivalent. */
export const BINANCE_TIF: Readonly<Record<TimeInForce, string | undefined>> = {
  gtc: 'GTC',
  ioc: 'IOC',
  fok: 'FOK',
  day: undefined,
};

/**
 * A Binance order in exo's terms. With the child the adapter follows (`child`), what the orders it
 * replaced filled is added in, so figures stay the child's across cancelReplace renames.
 */
export function venueOrderStatus(
  order: BinanceOrderJSON,
  exoSymbol: string,
  child?: BinanceChild,
): VenueOrderStatus {
  const base = child?.baseQty ?? ZERO;
  const executed = amountOf(order.executedQty);
  const cumQty = base.plus(executed);
  const quantity = base.plus(amountOf(order.origQty));
  const status = BINANCE_STATUS[order.status] ?? 'new';
  const done =
    status === 'filled' || status === 'canceled' || status === 'rejected' || status === 'expired';
  const tif = (Object.keys(BINANCE_TIF) as TimeInForce[]).find(
    (key) => BINANCE_TIF[key] === order.timeInForce,
  );
  const quote = amountOf(order.cummulativeQuoteQty);
  return {
    clOrdId: order.clientOrderId,
    parentId: child?.parentId ?? parentIdOf(order.clientOrderId),
    venueOrderId: String(order.orderId),
    symbol: exoSymbol,
    side: (order.side === 'SELL' ? 'sell' : 'buy') as Side,
    quantity,
    ...(order.type === 'MARKET' ? {} : { limitPrice: amountOf(order.price) }),
    timeInForce: tif ?? 'gtc',
    status: status === 'new' && cumQty.gt(0) ? 'partially_filled' : status,
    cumQty,
    leavesQty: done ? ZERO : quantity.minus(cumQty),
    ...(executed.gt(0) && base.eq(0) ? { avgPx: quote.div(executed) } : {}),
  };
}

/** A child rebuilt from Binance's account of its order, with what it has filled (see adopt). */
export function adoptedChild(order: BinanceOrderJSON): BinanceChild {
  const tif = (Object.keys(BINANCE_TIF) as TimeInForce[]).find(
    (key) => BINANCE_TIF[key] === order.timeInForce,
  );
  const child = new BinanceChild({
    clOrdId: order.clientOrderId,
    parentId: parentIdOf(order.clientOrderId),
    symbol: order.symbol,
    side: order.side === 'SELL' ? 'sell' : 'buy',
    timeInForce: tif ?? 'gtc',
    quantity: amountOf(order.origQty),
    limitPrice: order.type === 'MARKET' ? undefined : amountOf(order.price),
    sentAt: 0,
  });
  child.cumQty = amountOf(order.executedQty);
  child.notional = amountOf(order.cummulativeQuoteQty);
  child.settle(BINANCE_STATUS[order.status] ?? 'new');
  return child;
}
