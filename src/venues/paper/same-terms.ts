import { compare, Decimal } from '../../market/decimal.js';
import type { ChildOrderRequest } from '../venue.js';

/**
 * Whether a repeated submit asks for exactly the order first submitted under its clOrdId (same
 * parent, symbol, side, quantity, limit and time in force): a retry to answer with the order's
 * status, rather than a conflicting order to refuse. Compares the first terms, not replaced ones.
 */
export function sameTerms(first: ChildOrderRequest, repeat: ChildOrderRequest): boolean {
  return (
    first.parentId === repeat.parentId &&
    first.symbol === repeat.symbol &&
    first.side === repeat.side &&
    first.timeInForce === repeat.timeInForce &&
    sameDecimal(first.quantity, repeat.quantity) &&
    sameDecimal(first.limitPrice, repeat.limitPrice)
  );
}

/** Equal decimals, or both absent; anything that is not a decimal matches nothing. */
function sameDecimal(a: Decimal | undefined, b: Decimal | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a instanceof Decimal && b instanceof Decimal && compare(a, b) === 0;
}

/**
 * Whether a replace to `quantity` at `limitPrice` keeps the order's time priority: only a lower
 * quantity at the same limit does, as on real venues (Binance's keep-priority amend among them);
 * a higher quantity or a new price goes to the back of the queue.
 */
export function keepsPriority(
  order: { readonly quantity: Decimal; readonly limitPrice?: Decimal },
  quantity: Decimal,
  limitPrice: Decimal | undefined,
): boolean {
  return compare(quantity, order.quantity) < 0 && sameDecimal(limitPrice, order.limitPrice);
}
