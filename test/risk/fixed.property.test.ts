import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Decimal, decimal } from '../../src/market/decimal.js';
import { Fixed } from '../../src/risk/fixed.js';

/**
 * Decimals of every shape big.js takes: up to 40 digits, from 10^-45 to 10^25, either sign, and
 * zero; the digits straddle the 15 a double holds exactly, and whole numbers the largest it does.
 */
const anyDecimal: fc.Arbitrary<Decimal> = fc.oneof(
  fc
    .tuple(fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }), fc.integer({ min: -25, max: 45 }))
    .map(([units, places]) => decimal(`${units}e${-places}`)),
  fc
    .tuple(fc.bigInt({ min: -(10n ** 16n), max: 10n ** 16n }), fc.integer({ min: -4, max: 4 }))
    .map(([units, places]) => decimal(`${units}e${-places}`)),
  // Around 2^53, where units stop being a double and become a bigint (sums and products cross it).
  fc
    .tuple(
      fc.bigInt({ min: 2n ** 53n - 3000n, max: 2n ** 53n + 3000n }),
      fc.boolean(),
      fc.integer({ min: 0, max: 3 }),
    )
    .map(([units, negative, places]) => decimal(`${negative ? '-' : ''}${units}e${-places}`)),
  fc
    .tuple(fc.integer({ min: -(2 ** 27), max: 2 ** 27 }), fc.integer({ min: 0, max: 6 }))
    .map(([units, places]) => decimal(`${units}e${-places}`)),
  fc
    .constantFrom(
      '0',
      '-0',
      '1',
      '-1',
      '0.1',
      '123456789012345',
      '1234567890123456',
      '9007199254740991',
      '9007199254740993',
      '900719925474099e2',
      '-900719925474099e3',
      '1e30',
    )
    .map(decimal),
);

/** The places of a decimal's own form (none for a whole number). */
function placesOf(value: Decimal): number {
  return Math.max(0, value.c.length - 1 - value.e);
}

/** Same value, and the same text either way big.js prints it. */
function expectSame(actual: Fixed, expected: Decimal): void {
  const decimalOf = actual.toDecimal();
  expect(decimalOf.eq(expected)).toBe(true);
  expect(decimalOf.toFixed()).toBe(expected.toFixed());
  expect(decimalOf.toString()).toBe(expected.toString());
}

describe('Fixed, against big.js', () => {
  it('converts a Decimal and back to the same value and text', () => {
    fc.assert(
      fc.property(anyDecimal, (value) => {
        expectSame(Fixed.of(value), value);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps each input at its own places, however fine: none is rounded', () => {
    fc.assert(
      fc.property(anyDecimal, (value) => {
        expect(Fixed.of(value).places).toBe(placesOf(value));
      }),
    );
    expect(Fixed.of(decimal('100.50')).places).toBe(1);
    expect(Fixed.of(decimal('1e-30')).places).toBe(30);
    expect(Fixed.of(decimal('1e-30')).toDecimal().toFixed()).toBe(
      '0.000000000000000000000000000001',
    );
  });

  it('holds units as a number while they are a safe integer, a bigint beyond: one form a value', () => {
    fc.assert(
      fc.property(anyDecimal, anyDecimal, (a, b) => {
        for (const value of [
          Fixed.of(a),
          Fixed.of(a).plus(Fixed.of(b)),
          Fixed.of(a).times(Fixed.of(b)),
        ]) {
          const units = BigInt(value.units);
          const safe =
            units >= -BigInt(Number.MAX_SAFE_INTEGER) && units <= BigInt(Number.MAX_SAFE_INTEGER);
          expect(typeof value.units).toBe(safe ? 'number' : 'bigint');
          expect(Object.is(value.units, -0)).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('adds, subtracts and multiplies exactly as big.js does', () => {
    fc.assert(
      fc.property(anyDecimal, anyDecimal, (a, b) => {
        const [x, y] = [Fixed.of(a), Fixed.of(b)];
        expectSame(x.plus(y), a.plus(b));
        expectSame(x.minus(y), a.minus(b));
        expectSame(x.times(y), a.times(b));
        expectSame(x.neg(), a.neg());
        expectSame(x.abs(), a.abs());
        expect(x.times(y).places).toBe(x.places + y.places);
      }),
      { numRuns: 500 },
    );
  });

  it('halves as big.js divides by 2: exactly, or rounded as big.js rounds past its places', () => {
    fc.assert(
      fc.property(anyDecimal, (value) => {
        expectSame(Fixed.of(value).half(), value.div(2));
      }),
      { numRuns: 500 },
    );
    expectSame(
      Fixed.of(decimal('0.00000000000000000003')).half(),
      decimal('0.00000000000000000002'),
    );
    expectSame(Fixed.of(decimal('2e-25')).half(), decimal('0'));
  });

  it('compares as big.js does, whatever the places of either side', () => {
    fc.assert(
      fc.property(anyDecimal, anyDecimal, (a, b) => {
        const [x, y] = [Fixed.of(a), Fixed.of(b)];
        expect(x.cmp(y)).toBe(a.cmp(b));
        expect([x.eq(y), x.gt(y), x.gte(y), x.lt(y), x.lte(y)]).toEqual([
          a.eq(b),
          a.gt(b),
          a.gte(b),
          a.lt(b),
          a.lte(b),
        ]);
        expect(x.sign()).toBe(a.eq(0) ? 0 : a.gt(0) ? 1 : -1);
        // A product (twice the places) against a plain value: aligned before comparing.
        expect(x.times(y).cmp(x)).toBe(a.times(b).cmp(a));
        // Neighbours one place past the finer: too close for doubles to tell, compared exactly.
        const step = decimal(`1e-${Math.max(x.places, y.places) + 1}`);
        for (const near of [a.plus(step), a.minus(step)]) {
          expect(x.cmp(Fixed.of(near))).toBe(a.cmp(near));
          expect(Fixed.of(near).cmp(x)).toBe(near.cmp(a));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('takes a whole number as the Decimal of its digits would be, and no other', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), (value) => {
        expectSame(Fixed.ofInteger(value), decimal(String(value)));
      }),
    );
    expect(() => Fixed.ofInteger(1.5)).toThrow(RangeError);
    expect(() => Fixed.ofInteger(2 ** 53)).toThrow(RangeError);
  });

  it('compares equal values of different places as equal: one apart at the last place is not', () => {
    const fine = Fixed.of(decimal('1.000000000000000000001'));
    const one = Fixed.of(decimal('1'));
    expect(fine.places).toBe(21);
    expect(one.places).toBe(0);
    expect(fine.gt(one)).toBe(true);
    expect(fine.minus(Fixed.of(decimal('0.000000000000000000001'))).eq(one)).toBe(true);
    expect(Fixed.of(decimal('-0')).eq(Fixed.ZERO)).toBe(true);
    expect(Fixed.ZERO.toDecimal().toFixed()).toBe('0');
  });
});
