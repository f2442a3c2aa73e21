import Big from 'big.js';

/** An exact decimal number: every price and quantity in exo is one, never a binary float. */
export type Decimal = Big;

/** The decimal constructor, re-exported so callers never import the library directly. */
export const Decimal = Big;

/** Zero, shared: decimals are immutable, so one instance serves everyone. */
export const ZERO: Decimal = new Big(0);

/** A decimal from its exact text (the wire form); throws on anything that is not a number. */
export function decimal(text: string | Decimal): Decimal {
  return new Big(text);
}
