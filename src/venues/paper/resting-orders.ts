import { compare, type Decimal } from '../../market/decimal.js';
import { isMoreAggressive, isWithinLimit, type Side } from '../../market/side.js';
import type { PaperOrder } from './paper-order.js';

/** The venue's limit orders that are working, by symbol: what the market's quotes and prints can fill. */
export class RestingOrders {
  readonly #bySymbol = new Map<string, Set<PaperOrder>>();

  add(order: PaperOrder): void {
    const { symbol } = order.request;
    let orders = this.#bySymbol.get(symbol);
    if (orders === undefined) {
      orders = new Set();
      this.#bySymbol.set(symbol, orders);
    }
    orders.add(order);
  }

  remove(order: PaperOrder): void {
    const { symbol } = order.request;
    const orders = this.#bySymbol.get(symbol);
    orders?.delete(order);
    if (orders?.size === 0) this.#bySymbol.delete(symbol);
  }

  /** The symbol's resting orders, in no particular order. */
  of(symbol: string): Iterable<PaperOrder> {
    return this.#bySymbol.get(symbol) ?? [];
  }

  /**
   * The resting orders of one side that a price reaches (buys limited at or above it, sells at or
   * below), best limit first and then by time priority: the order they would fill in.
   */
  reachedBy(symbol: string, side: Side, price: Decimal): PaperOrder[] {
    const orders = this.#bySymbol.get(symbol);
    if (orders === undefined) return [];
    const reached: PaperOrder[] = [];
    for (const order of orders) {
      const limit = order.limitPrice;
      if (order.request.side === side && limit !== undefined && isWithinLimit(side, price, limit)) {
        reached.push(order);
      }
    }
    return reached.sort((a, b) => {
      if (compare(a.limitPrice!, b.limitPrice!) !== 0) {
        return isMoreAggressive(side, a.limitPrice!, b.limitPrice!) ? -1 : 1;
      }
      return a.priority - b.priority;
    });
  }
}
