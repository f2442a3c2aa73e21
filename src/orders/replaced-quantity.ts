import { compare, type Decimal } from '../market/decimal.js';

/**
 * The quantity a parent takes from a replace: the one asked for, or what has filled when that is
 * more ("fill what's filled, done"). One rule for the live order and for the journal's fold.
 */
export function replacedQuantity(asked: Decimal, cumQty: Decimal): Decimal {
  return compare(asked, cumQty) > 0 ? asked : cumQty;
}
