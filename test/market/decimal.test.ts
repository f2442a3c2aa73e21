import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compare,
  type Decimal,
  decimal,
  isWholeMultiple,
  sign,
  ZERO,
} from '../../src/market/decimal.js';

/** Any decimal: signed units placed at a scale from 10^-12 up to 10^12, negative zero included. */
const anyDecimal: fc.Arbitrary<Decimal> = fc.oneof(
  fc
    .tuple(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.integer({ min: -12, max: 12 }))
    .map(([units, scale]) => decimal(`${units}e${-scale}`)),
  fc.constantFrom('0', '-0', '1', '-1', '0.1', '10', '99999999999999999999').map(decimal),
);

/** Pairs that often share sign, exponent or leading digits, where a comparison must read on. */
const pairs: fc.Arbitrary<[Decimal, Decimal]> = fc.oneof(
  fc.tuple(anyDecimal, anyDecimal),
  fc
    .tuple(anyDecimal, fc.constantFrom('0', '1e-12', '-1e-12', '1', '0.5'), fc.boolean())
    .map(([a, delta, negate]): [Decimal, Decimal] => {
      const b = a.plus(delta);
      return [a, negate ? b.neg() : b];
    }),
  anyDecimal.map((a): [Decimal, Decimal] => [a, decimal(a.toString())]),
);

describe('compare', () => {
  it('agrees with big.js cmp for any pair (fast-check)', () => {
    fc.assert(
      fc.property(pairs, ([a, b]) => {
        expect(compare(a, b)).toBe(a.cmp(b));
        expect(compare(b, a)).toBe(b.cmp(a));
      }),
      { numRuns: 2_000 },
    );
  });

  it('takes a negative zero for zero', () => {
    expect(compare(decimal('-0'), ZERO)).toBe(0);
    expect(compare(decimal('-0'), decimal('-0.1'))).toBe(1);
  });
});

describe('sign', () => {
  it('agrees with big.js cmp against zero (fast-check)', () => {
    fc.assert(
      fc.property(anyDecimal, (a) => {
        expect(sign(a)).toBe(a.cmp(0));
      }),
    );
  });
});

describe('isWholeMultiple', () => {
  /** Steps as grids have them: a few digits at a scale, and others of any size. */
  const step = fc.oneof(
    fc
      .tuple(fc.integer({ min: 1, max: 999 }), fc.integer({ min: -10, max: 4 }))
      .map(([units, scale]) => decimal(`${units}e${-scale}`)),
    anyDecimal.filter((d) => sign(d) !== 0),
  );
  /** Values that are often multiples of the step, sometimes just off it. */
  const valueAndStep = fc.oneof(
    fc.tuple(anyDecimal, step),
    fc
      .tuple(step, fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }), fc.boolean())
      .map(([s, times, off]): [Decimal, Decimal] => {
        const value = s.times(times.toString());
        return [off ? value.plus('1e-13') : value, s];
      }),
  );

  it('agrees with big.js mod for any value and nonzero step (fast-check)', () => {
    fc.assert(
      fc.property(valueAndStep, ([value, s]) => {
        expect(isWholeMultiple(value, s)).toBe(value.mod(s).eq(0));
      }),
      { numRuns: 2_000 },
    );
  });

  it('refuses a zero step', () => {
    expect(() => isWholeMultiple(decimal('1'), ZERO)).toThrow(RangeError);
  });
});
