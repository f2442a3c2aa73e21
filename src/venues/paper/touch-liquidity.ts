import { type Decimal, sign, ZERO } from '../../market/decimal.js';
import type { Quote } from '../../market/quote.js';
import type { Side } from '../../market/side.js';

interface Taken {
  readonly quote: Quote;
  bid: Decimal;
  ask: Decimal;
}

/**
 * What the venue's own orders have already taken from each symbol's current quote, so that two
 * orders cannot both take the same size. A new quote (a new object) comes with fresh size.
 */
export class TouchLiquidity {
  readonly #taken = new Map<string, Taken>();

  /** The size still available on the far side of `quote` for an order of this side. */
  available(quote: Quote, side: Side): Decimal {
    const taken = this.#current(quote);
    const left = side === 'buy' ? quote.askQty.minus(taken.ask) : quote.bidQty.minus(taken.bid);
    return sign(left) > 0 ? left : ZERO;
  }

  /** Records that an order of this side took `qty` from the far side of `quote`. */
  take(quote: Quote, side: Side, qty: Decimal): void {
    const taken = this.#current(quote);
    if (side === 'buy') taken.ask = taken.ask.plus(qty);
    else taken.bid = taken.bid.plus(qty);
  }

  #current(quote: Quote): Taken {
    let taken = this.#taken.get(quote.symbol);
    if (taken === undefined || taken.quote !== quote) {
      taken = { quote, bid: ZERO, ask: ZERO };
      this.#taken.set(quote.symbol, taken);
    }
    return taken;
  }
}
