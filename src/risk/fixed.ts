import { Decimal, ZERO } from '../market/decimal.js';

/** The largest integer a double holds exactly: units beyond it are a bigint. */
const SAFE_BIG = BigInt(Number.MAX_SAFE_INTEGER);

/** 10^n as doubles, exact up to 10^22: aligning two values of numbers multiplies by one. */
const POWERS = Array.from({ length: 23 }, (_, n) => 10 ** n);

/**
 * An exact decimal as a whole number of units of 10^-places: the risk checks' running sums and
 * comparisons, a few ns an operation where big.js takes a few hundred. Each input is converted
 * once (`Fixed.of`), and only a refusal, the usage or a report converts back (`toDecimal`).
 *
 * Scale: each value's own. A Decimal converts to units of 10^-places with `places` its own decimal
 * places (0 for a whole number), so no input is finer than its scale and none is ever rounded; a
 * sum or difference keeps the places of the finer term, a product the sum of its factors' places
 * (a quantity of 3 places × a price of 2 is a notional of 5), and a comparison aligns the two
 * first. So every result is exactly big.js's, whatever the inputs: `Fixed.of(a).plus(Fixed.of(b))
 * .toDecimal()` equals `a.plus(b)`, and likewise minus, times and the comparisons. There is no
 * division but `half` (a quote's mid), exact or rounded as big.js rounds it. Equal Decimals
 * convert to the same units and places (big.js keeps no trailing zeros): one form per value.
 *
 * Units: a number while they are a safe integer (|units| ≤ 2^53 − 1, where a double is exact and
 * its arithmetic a few ns), a bigint beyond (arbitrary size, tens of ns). An operation on numbers
 * whose exact result is not a safe integer shows it (the double it gives is not one) and is done
 * again on bigints. Market figures at their own places (prices and quantities of a few places,
 * notionals under 10^10 or so) stay numbers.
 */
export class Fixed {
  /** Zero. */
  static readonly ZERO = new Fixed(0, 0);

  private constructor(
    /** The value in units of 10^-places: a safe integer as a number, beyond it a bigint. */
    readonly units: number | bigint,
    /** The decimal places of a unit, never negative. */
    readonly places: number,
  ) {}

  /** The Decimal's exact value, at its own places. */
  static of(value: Decimal): Fixed {
    const digits = value.c;
    const count = digits.length;
    // big.js holds ±0.c[0]c[1]… × 10^(e+1): the digits as an integer over 10^(count − 1 − e).
    const places = count - 1 - value.e;
    if (count > 15) {
      const units = bigDigits(digits, value.s < 0);
      return places >= 0 ? Fixed.#big(units, places) : Fixed.#big(units * pow10(-places), 0);
    }
    let whole = 0;
    for (let i = 0; i < count; i++) whole = whole * 10 + digits[i]!;
    if (value.s < 0) whole = 0 - whole;
    if (whole === 0) return Fixed.ZERO;
    if (places >= 0) return new Fixed(whole, places);
    // A whole number with trailing zeros (1e5 is the digit 1 and an exponent).
    const scaled = whole * 10 ** -places;
    return Number.isSafeInteger(scaled)
      ? new Fixed(scaled, 0)
      : Fixed.#big(BigInt(whole) * pow10(-places), 0);
  }

  /** A whole number, such as a count of ticks; a safe integer (throws RangeError otherwise). */
  static ofInteger(value: number): Fixed {
    if (!Number.isSafeInteger(value)) throw new RangeError(`not a safe integer: ${value}`);
    return value === 0 ? Fixed.ZERO : new Fixed(value, 0);
  }

  /**
   * The Decimal's value, converted once per Decimal object and kept while the object lives: for a
   * value compared again and again, such as a limit (decimals are never mutated).
   */
  static kept(value: Decimal): Fixed {
    let kept = KEPT.get(value);
    if (kept === undefined) {
      kept = Fixed.of(value);
      KEPT.set(value, kept);
    }
    return kept;
  }

  plus(other: Fixed): Fixed {
    if (other.units === 0) return this;
    return this.units === 0 ? other : Fixed.#add(this, other, false);
  }

  minus(other: Fixed): Fixed {
    return other.units === 0 ? this : Fixed.#add(this, other, true);
  }

  times(other: Fixed): Fixed {
    const a = this.units;
    const b = other.units;
    const places = this.places + other.places;
    if (typeof a === 'number' && typeof b === 'number') {
      const units = a * b;
      if (Number.isSafeInteger(units)) return new Fixed(units === 0 ? 0 : units, places);
    }
    return Fixed.#big(BigInt(a) * BigInt(b), places);
  }

  /**
   * Half of this, as big.js's `div(2)` gives it: exact (half an odd number of units of 10^-places
   * is five of 10^-(places + 1)) unless that passes `Decimal.DP` places, where big.js rounds, and
   * does so here.
   */
  half(): Fixed {
    const units = this.units;
    const even = typeof units === 'number' ? units % 2 === 0 : units % 2n === 0n;
    const places = even ? this.places : this.places + 1;
    if (places > Decimal.DP) return Fixed.of(this.toDecimal().div(2));
    if (typeof units === 'number') {
      const half = even ? units / 2 : units * 5;
      if (Number.isSafeInteger(half)) return new Fixed(half, places);
    }
    return Fixed.#big(even ? BigInt(units) / 2n : BigInt(units) * 5n, places);
  }

  neg(): Fixed {
    const units = this.units;
    if (units === 0) return this;
    return typeof units === 'number'
      ? new Fixed(-units, this.places)
      : Fixed.#big(-units, this.places);
  }

  abs(): Fixed {
    return this.units < 0 ? this.neg() : this;
  }

  /** 1 when this is more than `other`, -1 when less, 0 when equal. */
  cmp(other: Fixed): number {
    const a = this.units;
    const b = other.units;
    const shift = this.places - other.places;
    if (typeof a === 'number' && typeof b === 'number') {
      if (shift === 0) return order(a, b);
      // Aligning the one of fewer places: a figure past 2^53 outweighs the other, a safe integer.
      if (shift > 0 && shift < POWERS.length) {
        const aligned = b * POWERS[shift]!;
        return Number.isSafeInteger(aligned) ? order(a, aligned) : aligned > 0 ? -1 : 1;
      }
      if (shift < 0 && -shift < POWERS.length) {
        const aligned = a * POWERS[-shift]!;
        return Number.isSafeInteger(aligned) ? order(aligned, b) : aligned > 0 ? 1 : -1;
      }
    }
    const rough = roughOrder(a, this.places, b, other.places);
    if (rough !== 0) return rough;
    const x = shift < 0 ? BigInt(a) * pow10(-shift) : BigInt(a);
    const y = shift > 0 ? BigInt(b) * pow10(shift) : BigInt(b);
    return order(x, y);
  }

  eq(other: Fixed): boolean {
    return this.cmp(other) === 0;
  }

  gt(other: Fixed): boolean {
    return this.cmp(other) > 0;
  }

  gte(other: Fixed): boolean {
    return this.cmp(other) >= 0;
  }

  lt(other: Fixed): boolean {
    return this.cmp(other) < 0;
  }

  lte(other: Fixed): boolean {
    return this.cmp(other) <= 0;
  }

  /** -1, 0 or 1, as the value is negative, zero or positive. */
  sign(): number {
    return this.units > 0 ? 1 : this.units < 0 ? -1 : 0;
  }

  /** The same value as a Decimal (big.js strips the trailing zeros an alignment added). */
  toDecimal(): Decimal {
    const units = this.units;
    if (units === 0) return ZERO;
    const negative = units < 0;
    const digits = String(negative ? -units : units).padStart(this.places + 1, '0');
    const point = digits.length - this.places;
    const fraction = this.places === 0 ? '' : `.${digits.slice(point)}`;
    return new Decimal(`${negative ? '-' : ''}${digits.slice(0, point)}${fraction}`);
  }

  /** bigint units, as a number when they are a safe integer: each value has one form. */
  static #big(units: bigint, places: number): Fixed {
    return new Fixed(units >= -SAFE_BIG && units <= SAFE_BIG ? Number(units) : units, places);
  }

  /** `a` plus `b` (minus, when `negate`), at the places of the finer. */
  static #add(a: Fixed, b: Fixed, negate: boolean): Fixed {
    const x = a.units;
    const y = b.units;
    const shift = a.places - b.places;
    const places = shift < 0 ? b.places : a.places;
    if (typeof x === 'number' && typeof y === 'number') {
      const left = shift < 0 ? x * (POWERS[-shift] ?? Number.NaN) : x;
      const right = shift > 0 ? y * (POWERS[shift] ?? Number.NaN) : y;
      const units = negate ? left - right : left + right;
      // A term past 2^53 leaves no safe sum (an aligned term, a multiple of 10, is exact below
      // 2^54, and past it no sum is a safe integer).
      if (Number.isSafeInteger(units)) return new Fixed(units, places);
    }
    const left = shift < 0 ? BigInt(x) * pow10(-shift) : BigInt(x);
    const right = shift > 0 ? BigInt(y) * pow10(shift) : BigInt(y);
    return Fixed.#big(negate ? left - right : left + right, places);
  }
}

/** -1, 0 or 1 as `a` is less than, equal to or more than `b`. */
function order<T extends number | bigint>(a: T, b: T): number {
  return a > b ? 1 : a < b ? -1 : 0;
}

/** How many decimal digits a double holds exactly: bigDigits reads the digits this many at a time. */
const CHUNK_DIGITS = 15;
const CHUNK = 10n ** BigInt(CHUNK_DIGITS);

/**
 * The digits as one signed integer: read as whole numbers of CHUNK_DIGITS digits (exact in a
 * double) joined by multiplying, where writing them out as text and parsing it took ~5× as long.
 */
function bigDigits(digits: readonly number[], negative: boolean): bigint {
  const count = digits.length;
  // The first chunk takes what is left over, so that every other one is whole.
  let i = count % CHUNK_DIGITS || CHUNK_DIGITS;
  let chunk = 0;
  for (let k = 0; k < i; k++) chunk = chunk * 10 + digits[k]!;
  let units = BigInt(chunk);
  while (i < count) {
    chunk = 0;
    for (const end = i + CHUNK_DIGITS; i < end; i++) chunk = chunk * 10 + digits[i]!;
    units = units * CHUNK + BigInt(chunk);
  }
  return negative ? -units : units;
}

/**
 * How far apart two values must be, relative to the larger, for their doubles to order them: each
 * double is within 2^-52 of its value (a bigint rounded to a double, divided by an exact power of
 * ten), so a gap many times that is no rounding.
 */
const APART = 1e-12;

/**
 * -1 or 1 as `a` / 10^aPlaces is clearly less or more than `b` / 10^bPlaces, read as doubles
 * (Number of a bigint allocates nothing, where aligning it to exact bigints allocates each
 * step); 0 when too close to tell, or past what POWERS or a double holds: the caller compares
 * exactly.
 */
function roughOrder(
  a: number | bigint,
  aPlaces: number,
  b: number | bigint,
  bPlaces: number,
): number {
  const aScale = POWERS[aPlaces];
  const bScale = POWERS[bPlaces];
  if (aScale === undefined || bScale === undefined) return 0;
  const x = Number(a) / aScale;
  const y = Number(b) / bScale;
  if (!Number.isFinite(x) || !Number.isFinite(y)) return 0;
  if (Math.abs(x - y) <= APART * Math.max(Math.abs(x), Math.abs(y))) return 0;
  return x > y ? 1 : -1;
}

/** 10^n as bigints, the first ones kept. */
const BIG_POWERS = Array.from({ length: 64 }, (_, n) => 10n ** BigInt(n));

function pow10(n: number): bigint {
  return BIG_POWERS[n] ?? 10n ** BigInt(n);
}

/** The values Fixed.kept converted, by their Decimal. */
const KEPT = new WeakMap<Decimal, Fixed>();
