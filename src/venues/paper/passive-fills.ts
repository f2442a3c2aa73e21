import { compare, type Decimal, sign } from '../../market/decimal.js';
import type { Quote } from '../../market/quote.js';
import { SIDES } from '../../market/side.js';
import type { Trade } from '../../market/trade.js';
import type { PaperOrder } from './paper-order.js';
import type { RestingOrders } from './resting-orders.js';
import type { TouchLiquidity } from './touch-liquidity.js';

/** A fill owed to a resting order: it trades at its own limit, because it was there first. */
export interface PassiveFill {
  readonly order: PaperOrder;
  readonly qty: Decimal;
  readonly px: Decimal;
}

/**
 * The fills a new quote gives resting orders whose limits its far side reaches, best price then
 * time first, while its size lasts; the size they take is recorded in `liquidity`.
 */
export function fillsOnQuote(
  quote: Quote,
  resting: RestingOrders,
  liquidity: TouchLiquidity,
): PassiveFill[] {
  const fills: PassiveFill[] = [];
  for (const side of SIDES) {
    for (const order of resting.reachedBy(quote.symbol, side, quote.farPx(side))) {
      const available = liquidity.available(quote, side);
      if (sign(available) === 0) break;
      const qty = smaller(available, order.leavesQty);
      liquidity.take(quote, side, qty);
      fills.push({ order, qty, px: order.limitPrice! });
    }
  }
  return fills;
}

/** The fills a print at or through resting orders' limits gives them, in priority, up to its size. */
export function fillsOnTrade(trade: Trade, resting: RestingOrders): PassiveFill[] {
  const fills: PassiveFill[] = [];
  for (const side of SIDES) {
    let remaining = trade.lastQty;
    for (const order of resting.reachedBy(trade.symbol, side, trade.lastPx)) {
      if (sign(remaining) <= 0) break;
      const qty = smaller(remaining, order.leavesQty);
      remaining = remaining.minus(qty);
      fills.push({ order, qty, px: order.limitPrice! });
    }
  }
  return fills;
}

/** The smaller of two sizes. */
export function smaller(a: Decimal, b: Decimal): Decimal {
  return compare(a, b) < 0 ? a : b;
}
