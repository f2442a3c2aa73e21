import type { Delegate } from '../core/delegate.js';
import type { ParentOrder } from '../orders/parent-order.js';
import { AlgoDelegate, type AlgoSetup } from './algo-delegate.js';
import { checkParamNames } from './params.js';

/**
 * Rests one child for everything left at the near side (the bid for a buyer), capped by the
 * limit, and replaces it whenever the near price or the leaves quantity moves. Never more than one
 * working child; after a fill completes it, a new one is sent. A child whose replace the venue
 * refused is cancelled and sent afresh rather than amended again.
 */
export class Peg extends AlgoDelegate {
  protected decide(): void {
    const [child, ...extra] = this.working();
    for (const surplus of extra) this.cancel(surplus);
    const quote = this.quote;
    if (quote === undefined) return;
    const price = this.capToLimit(quote.nearPx(this.state.side));
    const leaves = this.state.leavesQty;
    if (child === undefined) {
      this.send({ quantity: leaves, limitPrice: price, timeInForce: 'gtc' });
      return;
    }
    if (child.pending !== undefined) return;
    if (child.replaceRejections > 0) {
      this.cancel(child);
      return;
    }
    const quantity = child.cumQty.plus(leaves);
    const repriced = child.limitPrice === undefined || !child.limitPrice.eq(price);
    const resized = !child.quantity.eq(quantity);
    if (repriced || resized) {
      this.replace(
        child,
        Object.assign({}, resized ? { quantity } : {}, repriced ? { limitPrice: price } : {}),
      );
    }
  }
}

/** Builds a `peg` delegate; it has no parameters, so any given is refused. */
export function createPeg(setup: AlgoSetup): Delegate<ParentOrder> {
  checkParamNames('peg', setup.order.params, []);
  return new Peg(setup);
}
