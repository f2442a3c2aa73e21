import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimal } from '../../src/market/decimal.js';
import type { Side } from '../../src/market/side.js';
import type { ExposureState } from '../../src/risk/exposure.js';
import { ExposureChecks, newExposure } from '../../src/risk/exposure-checks.js';
import { Fixed } from '../../src/risk/fixed.js';
import { OpenParents } from '../../src/risk/open-parents.js';
import { Positions } from '../../src/risk/positions.js';
import { limitsFor, type RiskLimits } from '../../src/risk/risk-limits.js';

const SYMBOLS = ['BTC-USD', 'ETH-USD', 'SOL-USD'] as const;
const NOW = Date.UTC(2026, 11, 5, 12);

const symbol = fc.constantFrom(...SYMBOLS);
const side = fc.constantFrom<Side>('buy', 'sell');
const quantity = fc.integer({ min: 1, max: 40 }).map((n) => decimal(String(n)));
const price = fc.integer({ min: 1, max: 40 }).map((n) => decimal(String(n)));
/** A limit on a total, about what a few orders and fills add up to here. */
const limit = fc.integer({ min: 0, max: 6000 }).map((n) => decimal(String(n)));

/** One step of the market and exo's orders, or an order checked. */
const step = fc.oneof(
  fc.record({ kind: fc.constant('mark' as const), symbol, price }),
  fc.record({ kind: fc.constant('fill' as const), symbol, side, quantity, price }),
  fc.record({ kind: fc.constant('open' as const), symbol, side, quantity, price }),
  fc.record({
    kind: fc.constant('check' as const),
    symbol,
    side,
    quantity,
    price,
    exposure: limit,
    traded: limit,
  }),
);

describe('ExposureChecks totals', () => {
  it('a checker kept across fills, marks and orders gives what a new one gives at each check', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        const positions = new Positions();
        const marks = new Map<string, Fixed>();
        const state: ExposureState = {
          position: (s) => positions.of(s, NOW),
          reference: (s) => marks.get(s),
          symbols: () => positions.symbols(),
          lossBreach: () => undefined,
        };
        const open = new OpenParents();
        const kept = new ExposureChecks(state, open);
        for (const [i, s] of steps.entries()) {
          if (s.kind === 'mark') marks.set(s.symbol, Fixed.of(s.price));
          else if (s.kind === 'fill') positions.fill(s.symbol, s.side, s.quantity, s.price, NOW);
          else if (s.kind === 'open') {
            const { symbol: on, side: by, quantity: qty, price: px } = s;
            open.add({ orderId: `P${i}`, symbol: on, side: by, quantity: qty, limitPrice: px });
          } else {
            const limits: RiskLimits = {
              defaults: {},
              perSymbol: {},
              maxExposureNotional: s.exposure,
              maxDailyTradedNotional: s.traded,
            };
            const own = limitsFor(limits, s.symbol);
            const order = newExposure({
              symbol: s.symbol,
              side: s.side,
              quantity: s.quantity,
              limitPrice: s.price,
            });
            const fresh = new ExposureChecks(state, open).refusal(limits, own, order);
            expect(kept.refusal(limits, own, order)).toEqual(fresh);
          }
        }
      }),
    );
  });
});
