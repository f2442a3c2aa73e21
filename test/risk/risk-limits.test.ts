import { describe, expect, it } from 'vitest';
import { decimal } from '../../src/market/decimal.js';
import { limitsFor, type RiskLimits } from '../../src/risk/risk-limits.js';

describe('limitsFor', () => {
  it("takes the symbol's own entry over the defaults, field by field, the same object each time for the same limits", () => {
    const limits: RiskLimits = {
      defaults: { maxChildQuantity: decimal('5'), maxOpenParents: 3 },
      perSymbol: { 'BTC-USD': { maxChildQuantity: decimal('1') } },
    };
    const btc = limitsFor(limits, 'BTC-USD');
    expect(btc).toEqual({ maxChildQuantity: decimal('1'), maxOpenParents: 3 });
    expect(limitsFor(limits, 'BTC-USD')).toBe(btc);
    expect(limitsFor(limits, 'ETH-USD')).toBe(limits.defaults);
    // New limits (a reload) are merged afresh.
    const reloaded: RiskLimits = { ...limits, defaults: { maxOpenParents: 7 } };
    expect(limitsFor(reloaded, 'BTC-USD')).toEqual({
      maxChildQuantity: decimal('1'),
      maxOpenParents: 7,
    });
  });
});
