import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decimal,
  type PriceRounding,
  roundPrice,
  roundToLot,
  roundToTick,
  type Side,
  type TickRounding,
} from '../../src/market/index.js';
import { decimalText, signedDecimalText } from './arbitraries.js';

function tick(price: string, size: string, mode: TickRounding): string {
  return roundToTick(decimal(price), decimal(size), mode).toString();
}

describe('roundToTick', () => {
  it.each([
    ['100.07', '0.05', 'down', '100.05'],
    ['100.07', '0.05', 'up', '100.1'],
    ['100.07', '0.05', 'nearest', '100.05'],
    ['100.08', '0.05', 'nearest', '100.1'],
    ['100.075', '0.05', 'nearest', '100.1'],
    ['100.05', '0.05', 'up', '100.05'],
    ['100.05', '0.05', 'down', '100.05'],
    ['7', '0.25', 'down', '7'],
    ['1234', '5', 'down', '1230'],
    ['1234', '5', 'up', '1235'],
    ['-1.07', '0.05', 'down', '-1.1'],
    ['-1.07', '0.05', 'up', '-1.05'],
    ['-1.075', '0.05', 'nearest', '-1.1'],
    ['0', '0.01', 'up', '0'],
  ] as const)('%s on a grid of %s rounded %s is %s', (price, size, mode, expected) => {
    expect(tick(price, size, mode)).toBe(expected);
  });

  it('is exact where a rounded division would not be', () => {
    expect(tick('1.000000000000000000000001', '1', 'up')).toBe('2');
    expect(tick('0.999999999999999999999999', '1', 'down')).toBe('0');
    expect(tick('10', '0.3', 'down')).toBe('9.9');
  });

  it('lands on the grid, on the requested side, within a tick (within half for nearest)', () => {
    fc.assert(
      fc.property(signedDecimalText(), decimalText(10n ** 6n, 4), (p, t) => {
        const price = decimal(p);
        const size = decimal(t);
        const down = roundToTick(price, size, 'down');
        const up = roundToTick(price, size, 'up');
        const nearest = roundToTick(price, size, 'nearest');
        for (const rounded of [down, up, nearest]) expect(rounded.mod(size).eq(0)).toBe(true);
        expect(down.lte(price) && price.minus(down).lt(size)).toBe(true);
        expect(up.gte(price) && up.minus(price).lt(size)).toBe(true);
        expect(nearest.minus(price).abs().lte(size.div(2))).toBe(true);
      }),
    );
  });

  it('refuses a tick that is not positive', () => {
    expect(() => roundToTick(decimal('1'), decimal('0'))).toThrow(RangeError);
    expect(() => roundToTick(decimal('1'), decimal('-0.01'))).toThrow('tick must be positive');
  });
});

describe('roundPrice', () => {
  it.each([
    ['buy', 'passive', '100.1'],
    ['sell', 'passive', '100.2'],
    ['buy', 'aggressive', '100.2'],
    ['sell', 'aggressive', '100.1'],
  ] as const)('a %s limit rounded %s is %s', (side, rounding, expected) => {
    expect(roundPrice(side, decimal('100.14'), decimal('0.1'), rounding).toString()).toBe(expected);
  });

  it('passive never pays more and aggressive never asks for less than the unrounded limit', () => {
    const side = fc.constantFrom<Side>('buy', 'sell');
    const rounding = fc.constantFrom<PriceRounding>('passive', 'aggressive');
    fc.assert(
      fc.property(side, rounding, decimalText(), decimalText(10n ** 4n, 3), (s, r, p, t) => {
        const price = decimal(p);
        const rounded = roundPrice(s, price, decimal(t), r);
        const higher = (s === 'buy') === (r === 'aggressive');
        expect(higher ? rounded.gte(price) : rounded.lte(price)).toBe(true);
      }),
    );
  });
});

describe('roundToLot', () => {
  it.each([
    ['1250', '100', '1200'],
    ['1200', '100', '1200'],
    ['99', '100', '0'],
    ['0.0157', '0.001', '0.015'],
    ['-150', '100', '-100'],
  ])('%s in lots of %s is %s', (qty, lot, expected) => {
    expect(roundToLot(decimal(qty), decimal(lot)).toString()).toBe(expected);
  });

  it('never gives more than asked and loses less than a lot', () => {
    fc.assert(
      fc.property(decimalText(), decimalText(10n ** 6n, 4), (q, l) => {
        const qty = decimal(q);
        const lot = decimal(l);
        const rounded = roundToLot(qty, lot);
        expect(rounded.mod(lot).eq(0)).toBe(true);
        expect(rounded.lte(qty) && qty.minus(rounded).lt(lot)).toBe(true);
      }),
    );
  });

  it('refuses a lot that is not positive', () => {
    expect(() => roundToLot(decimal('1'), decimal('0'))).toThrow('lot must be positive');
  });
});
