import type { DelegateFactory } from '../../src/core/delegate.js';
import { decimal } from '../../src/market/decimal.js';
import { Quote } from '../../src/market/quote.js';
import type { Report } from '../../src/market/report.js';
import type { ParentOrder } from '../../src/orders/parent-order.js';
import type { Venue } from '../../src/venues/venue.js';

/**
 * A buggy algorithm: on its first quote it sends `count(symbol)` one-lot buys in a loop, each a
 * step below the bid, straight to the venue it was given; every report it gets is kept in `seen`,
 * by order.
 */
export function burstAlgo(count: (symbol: string) => number, seen = new Map<string, Report[]>()) {
  return (_listener: unknown, venue: Venue): DelegateFactory<ParentOrder> => ({
    create(order) {
      let sent = false;
      return {
        action(update) {
          seen.set(order.orderId, [...(seen.get(order.orderId) ?? []), ...update.reports]);
          if (sent || update.quote === undefined) return false;
          sent = true;
          for (let n = 1; n <= count(order.symbol); n++) {
            venue.submit({
              clOrdId: `${order.orderId}-${n}`,
              parentId: order.orderId,
              symbol: order.symbol,
              side: 'buy',
              quantity: decimal('1'),
              limitPrice: update.quote.bidPx.minus(n),
              timeInForce: 'day',
            });
          }
          return false;
        },
      };
    },
  });
}

/** A quote of `symbol`: one lot bid at 100, one offered at 101. */
export function quoteOf(symbol: string): Quote {
  const one = decimal('1');
  return Quote.of({
    symbol,
    bidPx: decimal('100'),
    bidQty: one,
    askPx: decimal('101'),
    askQty: one,
  });
}
