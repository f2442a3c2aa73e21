import type { Decimal } from './decimal.js';
import { compare } from './decimal.js';

/** Which way an order trades. Immutable for the life of an order. */
export type Side = 'buy' | 'sell';

/** The two sides, for iteration and validation. */
export const SIDES: readonly Side[] = ['buy', 'sell'];

/** The other side: who a buyer trades with. */
export function opposite(side: Side): Side {
  return side === 'buy' ? 'sell' : 'buy';
}

/** Whether a price is acceptable under a limit for this side (a buyer pays at most, a seller gets at least). */
export function isWithinLimit(side: Side, price: Decimal, limit: Decimal): boolean {
  return side === 'buy' ? compare(price, limit) <= 0 : compare(price, limit) >= 0;
}

/** A price made more aggressive by an increment (higher for a buyer, lower for a seller). */
export function improve(side: Side, price: Decimal, increment: Decimal): Decimal {
  return side === 'buy' ? price.plus(increment) : price.minus(increment);
}

/** Whether `a` is a better price than `b` from this side's point of view of its own resting orders. */
export function isMoreAggressive(side: Side, a: Decimal, b: Decimal): boolean {
  return side === 'buy' ? compare(a, b) > 0 : compare(a, b) < 0;
}
