import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimal } from '../../src/market/decimal.js';
import { replacedQuantity } from '../../src/orders/replaced-quantity.js';

const lots = fc.integer({ min: 0, max: 1_000_000 }).map((n) => decimal(`${n}e-4`));

describe('replacedQuantity', () => {
  it('takes the quantity asked, never less than what has filled', () => {
    fc.assert(
      fc.property(lots, lots, (asked, cumQty) => {
        const taken = replacedQuantity(asked, cumQty);
        expect(taken.gte(cumQty)).toBe(true);
        expect(taken.eq(asked.gt(cumQty) ? asked : cumQty)).toBe(true);
      }),
    );
  });

  it('shrinks an order below its fills to what has filled: fill what is filled, done', () => {
    expect(replacedQuantity(decimal('1'), decimal('2.5')).toString()).toBe('2.5');
    expect(replacedQuantity(decimal('3'), decimal('2.5')).toString()).toBe('3');
  });
});
