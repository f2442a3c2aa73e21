import type { Delegate } from '../core/delegate.js';
import { compare, sign } from '../market/decimal.js';
import type { ParentOrder } from '../orders/parent-order.js';
import { AlgoDelegate, type AlgoSetup } from './algo-delegate.js';
import { checkParamNames } from './params.js';

/**
 * Takes liquidity: on each fresh quote whose far price is within the limit, sends an IOC at that
 * price for min(far-side size, leaves). One child is in flight at a time; what the venue does not
 * fill is cancelled by the IOC and retried on the next quote, until the order is filled.
 */
export class Take extends AlgoDelegate {
  protected decide(): void {
    this.cancelNonconforming();
    if (this.working().length > 0) return;
    const quote = this.freshQuote();
    if (quote === undefined) return;
    const side = this.state.side;
    const price = quote.farPx(side);
    if (!this.withinLimit(price)) return;
    const size = quote.farQty(side);
    const leaves = this.state.leavesQty;
    const quantity = compare(size, leaves) < 0 ? size : leaves;
    if (sign(quantity) > 0) this.send({ quantity, limitPrice: price, timeInForce: 'ioc' });
  }
}

/** Builds a `take` delegate; it has no parameters, so any given is refused. */
export function createTake(setup: AlgoSetup): Delegate<ParentOrder> {
  checkParamNames('take', setup.order.params, []);
  return new Take(setup);
}
