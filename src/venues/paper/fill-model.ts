import { type Decimal, ZERO } from '../../market/decimal.js';
import type { Quote } from '../../market/quote.js';
import { isMoreAggressive, SIDES } from '../../market/side.js';
import type { Trade } from '../../market/trade.js';
import type { PaperOrder } from './paper-order.js';
import { fillsOnQuote, fillsOnTrade, type PassiveFill, smaller } from './passive-fills.js';
import type { RestingOrders } from './resting-orders.js';
import type { TouchLiquidity } from './touch-liquidity.js';

/**
 * When a resting (passive) order fills:
 * - `touch` (the paper venue's default): a print at or through its limit, or a quote whose far
 *   side reaches it, while that size lasts;
 * - `through`: only a print strictly through its limit (the level itself traded out), never a quote;
 * - `queue`: once the size displayed ahead of it at its price when it arrived (0 when it improved
 *   the touch; for an order behind the touch, the size shown when the touch first reached its
 *   price) has traded at or through its price; what trades beyond that fills it.
 * Replay defaults to `through`: a recording never shows our own orders, so a quote reaching one
 * proves nothing about it.
 */
export type FillModel = 'touch' | 'through' | 'queue';

/** The fill models by name, for option checks. */
export const FILL_MODELS: readonly FillModel[] = ['touch', 'through', 'queue'];

/** A fill model at work inside one venue: what it owes resting orders on each quote and print. */
export class PassiveFillModel {
  readonly #model: FillModel;
  /** `queue`: the size still ahead of each resting order; absent while the touch has not reached it. */
  readonly #ahead = new Map<PaperOrder, Decimal>();

  constructor(model: FillModel = 'touch') {
    this.#model = model;
  }

  /** An order starts resting (or lost its priority by a replace) with `quote` the book then. */
  rested(order: PaperOrder, quote: Quote | undefined): void {
    if (this.#model !== 'queue') return;
    this.#ahead.delete(order);
    if (quote !== undefined) this.#measure(order, quote);
  }

  /** An order stopped resting. */
  forget(order: PaperOrder): void {
    this.#ahead.delete(order);
  }

  onQuote(quote: Quote, resting: RestingOrders, liquidity: TouchLiquidity): PassiveFill[] {
    if (this.#model === 'touch') return fillsOnQuote(quote, resting, liquidity);
    if (this.#model === 'queue') {
      for (const order of resting.of(quote.symbol)) {
        if (!this.#ahead.has(order)) this.#measure(order, quote);
      }
    }
    return [];
  }

  onTrade(trade: Trade, resting: RestingOrders): PassiveFill[] {
    if (this.#model === 'touch') return fillsOnTrade(trade, resting);
    return this.#model === 'through'
      ? throughFills(trade, resting)
      : this.#queueFills(trade, resting);
  }

  /** The size displayed ahead of an order at its price, if the touch has reached its price. */
  #measure(order: PaperOrder, quote: Quote): void {
    const { side } = order.request;
    const limit = order.limitPrice!;
    const near = quote.nearPx(side);
    if (isMoreAggressive(side, limit, near)) this.#ahead.set(order, ZERO);
    else if (limit.eq(near)) this.#ahead.set(order, quote.nearQty(side));
  }

  /** Each reached order's queue shortens by the print; what the print has beyond it fills it. */
  #queueFills(trade: Trade, resting: RestingOrders): PassiveFill[] {
    const fills: PassiveFill[] = [];
    for (const side of SIDES) {
      let remaining = trade.lastQty;
      for (const order of resting.reachedBy(trade.symbol, side, trade.lastPx)) {
        const ahead = this.#ahead.get(order);
        if (ahead === undefined) continue;
        this.#ahead.set(order, ahead.gt(trade.lastQty) ? ahead.minus(trade.lastQty) : ZERO);
        const beyond = smaller(trade.lastQty.minus(ahead), remaining);
        if (beyond.lte(0)) continue;
        const qty = smaller(beyond, order.leavesQty);
        remaining = remaining.minus(qty);
        fills.push({ order, qty, px: order.limitPrice! });
      }
    }
    return fills;
  }
}

/** The fills a print strictly through resting orders' limits gives them, in priority, up to its size. */
function throughFills(trade: Trade, resting: RestingOrders): PassiveFill[] {
  const fills: PassiveFill[] = [];
  for (const side of SIDES) {
    let remaining = trade.lastQty;
    for (const order of resting.reachedBy(trade.symbol, side, trade.lastPx)) {
      if (remaining.lte(0)) break;
      if (order.limitPrice!.eq(trade.lastPx)) continue;
      const qty = smaller(remaining, order.leavesQty);
      remaining = remaining.minus(qty);
      fills.push({ order, qty, px: order.limitPrice! });
    }
  }
  return fills;
}
