import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addFill,
  cumulative,
  type Decimal,
  decimal,
  type Fill,
  NOTHING_FILLED,
  ZERO,
} from '../../src/market/index.js';
import { decimalText } from './arbitraries.js';

function fill(qty: string, px: string): Fill {
  return { qty: decimal(qty), px: decimal(px) };
}

describe('cumulative', () => {
  it('no fills means nothing filled and no average price', () => {
    const cum = cumulative([]);
    expect(cum.cumQty.toString()).toBe('0');
    expect(cum.avgPx).toBeUndefined();
    expect(cum.notional.toString()).toBe('0');
    expect(cum).toEqual(NOTHING_FILLED);
  });

  it('sums quantities and averages prices weighted by quantity', () => {
    const cum = cumulative([fill('100', '10.00'), fill('300', '10.04'), fill('100', '10.10')]);
    expect(cum.cumQty.toString()).toBe('500');
    expect(cum.notional.toString()).toBe('5022');
    expect(cum.avgPx?.toString()).toBe('10.044');
  });

  it('fills of zero size change nothing, and leave no average when nothing else filled', () => {
    expect(cumulative([fill('0', '10')]).avgPx).toBeUndefined();
    expect(cumulative([fill('2', '10'), fill('0', '99')]).avgPx?.toString()).toBe('10');
  });

  it('matches the model: exact sums, and the average is one division of them', () => {
    const fills = fc.array(fc.record({ qty: decimalText(10n ** 8n, 4), px: decimalText() }), {
      maxLength: 40,
    });
    fc.assert(
      fc.property(fills, (fs) => {
        const cum = cumulative(fs.map((f) => fill(f.qty, f.px)));
        const qty = fs.reduce((sum: Decimal, f) => sum.plus(f.qty), ZERO);
        const notional = fs.reduce((sum: Decimal, f) => sum.plus(decimal(f.px).times(f.qty)), ZERO);
        expect(cum.cumQty.eq(qty)).toBe(true);
        expect(cum.notional.eq(notional)).toBe(true);
        if (fs.length === 0) expect(cum.avgPx).toBeUndefined();
        else expect(cum.avgPx?.eq(notional.div(qty))).toBe(true);
      }),
    );
  });
});

describe('addFill', () => {
  it('averages a first fill at its price, rounded as a division is when it has more places', () => {
    const px = decimal('0.1234567890123456789012345');
    expect(addFill(NOTHING_FILLED, decimal('3'), px).avgPx?.toString()).toBe(
      px.times(3).div(3).toString(),
    );
    expect(addFill(NOTHING_FILLED, decimal('3'), decimal('10.50')).avgPx?.toString()).toBe('10.5');
  });

  it('adding fills one at a time stays exact where averaging averages would drift', () => {
    let cum = addFill(NOTHING_FILLED, decimal('1'), decimal('1'));
    cum = addFill(cum, decimal('2'), decimal('2'));
    expect(cum.avgPx?.toString()).toBe('1.66666666666666666667');
    for (let i = 0; i < 3; i++) cum = addFill(cum, decimal('1'), decimal('1'));
    expect(cum.notional.toString()).toBe('8');
    expect(cum.avgPx?.toString()).toBe('1.33333333333333333333');
  });

  it("continues from a venue's bare cumQty and avgPx", () => {
    const cum = addFill(
      { cumQty: decimal('200'), avgPx: decimal('10.5') },
      decimal('100'),
      decimal('12'),
    );
    expect(cum.cumQty.toString()).toBe('300');
    expect(cum.avgPx?.toString()).toBe('11');
    expect(
      addFill({ cumQty: ZERO, avgPx: undefined }, decimal('5'), decimal('3')).avgPx?.toString(),
    ).toBe('3');
  });

  it('refuses a negative fill, and a positive cumQty without a price', () => {
    expect(() => addFill(NOTHING_FILLED, decimal('-1'), decimal('10'))).toThrow(RangeError);
    expect(() =>
      addFill({ cumQty: decimal('5'), avgPx: undefined }, decimal('1'), decimal('10')),
    ).toThrow('avgPx is required');
  });

  it('never changes the figures it starts from', () => {
    const start = cumulative([fill('3', '7')]);
    const snapshot = JSON.stringify(start);
    addFill(start, decimal('4'), decimal('9'));
    expect(JSON.stringify(start)).toBe(snapshot);
    expect(Object.isFrozen(NOTHING_FILLED)).toBe(true);
  });
});
