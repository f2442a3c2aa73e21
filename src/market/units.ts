import type { Decimal } from './decimal.js';
import { compare, sign } from './decimal.js';
import type { Side } from './side.js';

/** Which way a price goes onto the tick grid: towards minus infinity, plus infinity, or closest. */
export type TickRounding = 'down' | 'up' | 'nearest';

/**
 * Which way a side's limit goes onto the tick grid: passive never pays more (a buyer rounds
 * down, a seller up); aggressive never misses a fill the unrounded price would get (the reverse).
 */
export type PriceRounding = 'passive' | 'aggressive';

/**
 * The multiple of `tick` next to `price` in the given direction, computed exactly (no division
 * is rounded on the way); `nearest` breaks a tie away from zero. Throws unless tick is positive.
 */
export function roundToTick(
  price: Decimal,
  tick: Decimal,
  mode: TickRounding = 'nearest',
): Decimal {
  requirePositive(tick, 'tick');
  // Big's mod keeps the dividend's sign; shift it so that `below` is the grid point at or under price.
  let remainder = price.mod(tick);
  if (sign(remainder) < 0) remainder = remainder.plus(tick);
  if (sign(remainder) === 0) return price;
  const below = price.minus(remainder);
  const above = below.plus(tick);
  if (mode === 'down') return below;
  if (mode === 'up') return above;
  const twice = remainder.times(2);
  if (compare(twice, tick) < 0) return below;
  if (compare(twice, tick) > 0) return above;
  return sign(price) < 0 ? below : above;
}

/** A side's price on the tick grid, rounded passively or aggressively for that side. */
export function roundPrice(
  side: Side,
  price: Decimal,
  tick: Decimal,
  rounding: PriceRounding,
): Decimal {
  const upward = (side === 'buy') === (rounding === 'aggressive');
  return roundToTick(price, tick, upward ? 'up' : 'down');
}

/**
 * A quantity cut to whole lots, towards zero, so an order never asks for more than it was given.
 * Throws unless lot is positive.
 */
export function roundToLot(qty: Decimal, lot: Decimal): Decimal {
  requirePositive(lot, 'lot');
  return qty.minus(qty.mod(lot));
}

function requirePositive(size: Decimal, name: string): void {
  if (sign(size) <= 0) throw new RangeError(`${name} must be positive, got ${size.toString()}`);
}
