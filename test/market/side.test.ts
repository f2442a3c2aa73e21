import { describe, expect, it } from 'vitest';
import {
  decimal,
  improve,
  isMoreAggressive,
  isWithinLimit,
  opposite,
  SIDES,
} from '../../src/market/index.js';

describe('side', () => {
  it('a buyer trades with a seller and the other way round', () => {
    expect(opposite('buy')).toBe('sell');
    expect(opposite('sell')).toBe('buy');
    expect(SIDES).toEqual(['buy', 'sell']);
  });

  it('a buyer pays at most its limit, a seller gets at least its limit', () => {
    const limit = decimal('100');
    expect(isWithinLimit('buy', decimal('99.99'), limit)).toBe(true);
    expect(isWithinLimit('buy', decimal('100'), limit)).toBe(true);
    expect(isWithinLimit('buy', decimal('100.01'), limit)).toBe(false);
    expect(isWithinLimit('sell', decimal('100.01'), limit)).toBe(true);
    expect(isWithinLimit('sell', decimal('100'), limit)).toBe(true);
    expect(isWithinLimit('sell', decimal('99.99'), limit)).toBe(false);
  });

  it('improving moves a buyer up and a seller down', () => {
    expect(improve('buy', decimal('10.5'), decimal('0.25')).toString()).toBe('10.75');
    expect(improve('sell', decimal('10.5'), decimal('0.25')).toString()).toBe('10.25');
  });

  it('a higher bid and a lower offer are the more aggressive, and equal is not', () => {
    expect(isMoreAggressive('buy', decimal('101'), decimal('100'))).toBe(true);
    expect(isMoreAggressive('buy', decimal('99'), decimal('100'))).toBe(false);
    expect(isMoreAggressive('sell', decimal('99'), decimal('100'))).toBe(true);
    expect(isMoreAggressive('sell', decimal('101'), decimal('100'))).toBe(false);
    expect(isMoreAggressive('buy', decimal('100'), decimal('100'))).toBe(false);
    expect(isMoreAggressive('sell', decimal('100'), decimal('100'))).toBe(false);
  });
});
