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

/**
 * `a.cmp(b)` without its cost: big.js copies the argument (`new Big(b)`) on every comparison,
 * which on the intake path was one allocation per check; this reads both digit arrays in place.
 * -1, 0 or 1 as `a` is less than, equal to or greater than `b` (a negative zero equals zero).
 */
export function compare(a: Decimal, b: Decimal): -1 | 0 | 1 {
  const ac = a.c;
  const bc = b.c;
  if (!ac[0]) return !bc[0] ? 0 : b.s > 0 ? -1 : 1;
  if (!bc[0] || a.s !== b.s) return a.s > 0 ? 1 : -1;
  // Same sign, both nonzero: the larger magnitude is greater when positive, smaller when not.
  const up = a.s > 0 ? 1 : -1;
  const down = a.s > 0 ? -1 : 1;
  if (a.e !== b.e) return a.e > b.e ? up : down;
  const common = Math.min(ac.length, bc.length);
  for (let i = 0; i < common; i++) {
    if (ac[i] !== bc[i]) return ac[i]! > bc[i]! ? up : down;
  }
  if (ac.length === bc.length) return 0;
  return ac.length > bc.length ? up : down;
}

/** -1, 0 or 1 as the decimal is negative, zero or positive: `a.cmp(0)` without allocating. */
export function sign(a: Decimal): -1 | 0 | 1 {
  return !a.c[0] ? 0 : a.s > 0 ? 1 : -1;
}

/** How many digits a decimal has after its point: 0 for a whole number. */
export function decimalPlaces(a: Decimal): number {
  return Math.max(0, a.c.length - 1 - a.e);
}

/**
 * Whether `value` is a whole multiple of `step` (`value.mod(step).eq(0)`, zero included), without
 * big.js's `mod`, which divides at 20 places, multiplies and subtracts: both are scaled to
 * integers at their common exponent and compared by remainder, exactly, while they fit in a
 * double's 53 bits (the grid checks' lots and ticks do); otherwise by `mod`. Throws for a zero step.
 */
export function isWholeMultiple(value: Decimal, step: Decimal): boolean {
  if (!step.c[0]) throw new RangeError('a multiple of zero');
  if (!value.c[0]) return true;
  const low = Math.min(lowestPlace(value), lowestPlace(step));
  const scaledValue = scaled(value, low);
  const scaledStep = scaled(step, low);
  if (scaledValue === undefined || scaledStep === undefined) return value.mod(step).eq(ZERO);
  return scaledValue % scaledStep === 0;
}

/** The power of ten of a nonzero decimal's last digit. */
function lowestPlace(a: Decimal): number {
  return a.e - (a.c.length - 1);
}

/** |a| / 10^place as an exact integer in a double, or undefined when it does not fit. */
function scaled(a: Decimal, place: number): number | undefined {
  const digits = a.c;
  const shift = lowestPlace(a) - place;
  if (digits.length + shift > 15) return undefined;
  let n = 0;
  for (const digit of digits) n = n * 10 + digit;
  return n * 10 ** shift;
}
