import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/clock.js';
import { type Decimal, decimal } from '../../src/market/decimal.js';
import { DailyLoss, type LossBreach } from '../../src/risk/daily-loss.js';
import { Fixed } from '../../src/risk/fixed.js';
import { Positions } from '../../src/risk/positions.js';
import type { RiskLimits } from '../../src/risk/risk-limits.js';

const NOON = Date.UTC(2026, 11, 5, 12);
const EPSILON = decimal('0.00000001');

/** A daily loss over `limits`, with exo long `quantity` of BTC-USD bought at `cost`; marks set by hand. */
function watch(limits: RiskLimits, quantity: Decimal, cost: Decimal) {
  const clock = new VirtualClock(NOON);
  const positions = new Positions();
  const marks = new Map<string, Fixed>();
  const breaches: LossBreach[] = [];
  let current = limits;
  const loss = new DailyLoss({
    limits: () => current,
    positions: () => positions,
    reference: (symbol) => marks.get(symbol),
    clock,
    onBreach: (breach) => breaches.push(breach),
  });
  positions.fill('BTC-USD', 'buy', quantity, cost, NOON);
  loss.filled('BTC-USD');
  const mark = (symbol: string, price: Decimal) => {
    marks.set(symbol, Fixed.of(price));
    loss.marked(symbol);
  };
  const change = (next: RiskLimits) => {
    current = next;
    loss.reset();
  };
  return { clock, positions, loss, breaches, mark, change };
}

const quantity = fc
  .integer({ min: 1, max: 10 ** 6 })
  .map((n) => decimal(String(n)).times('0.0001'));
const price = fc.integer({ min: 100, max: 10 ** 7 }).map((n) => decimal(String(n)).times('0.01'));

describe('the daily loss', () => {
  it('is realised plus the open position at the mark against its cost: a loss at the limit holds, one beyond it breaches', () => {
    fc.assert(
      fc.property(quantity, price, price, (qty, cost, drop) => {
        fc.pre(drop.lt(cost));
        const limit = cost.minus(drop).times(qty);
        fc.pre(limit.gt(EPSILON));
        const atLimit = watch({ defaults: { maxDailyLoss: limit }, perSymbol: {} }, qty, cost);
        atLimit.mark('BTC-USD', drop);
        expect(atLimit.loss.pnl('BTC-USD').neg().toFixed()).toBe(limit.toFixed());
        expect(atLimit.breaches).toEqual([]);
        const under = limit.minus(EPSILON);
        const beyond = watch({ defaults: { maxDailyLoss: under }, perSymbol: {} }, qty, cost);
        beyond.mark('BTC-USD', drop);
        expect(beyond.breaches).toEqual([
          { rule: 'maxDailyLoss', symbol: 'BTC-USD', limit: under, value: limit, time: NOON },
        ]);
        expect(beyond.loss.breach('BTC-USD')).toEqual(beyond.breaches[0]);
      }),
    );
  });

  it('is told once per breach and holds for the rest of the UTC day, whatever the market does', () => {
    const { breaches, mark, loss, clock } = watch(
      { defaults: { maxDailyLoss: decimal('10') }, perSymbol: {} },
      decimal('1'),
      decimal('100'),
    );
    mark('BTC-USD', decimal('80'));
    mark('BTC-USD', decimal('70'));
    mark('BTC-USD', decimal('120'));
    expect(breaches.map((b) => b.value.toFixed())).toEqual(['20']);
    expect(loss.breach('BTC-USD')).toBeDefined();
    // A new UTC day forgets the breach and works the loss out anew: at 120 the position gains.
    clock.advance(Date.UTC(2026, 11, 6) - NOON);
    expect(loss.breach('BTC-USD')).toBeUndefined();
  });

  it('sums the symbols for the total, and a change of limits works it out again', () => {
    const { breaches, mark, positions, loss, change } = watch(
      { maxDailyLoss: decimal('15'), defaults: {}, perSymbol: {} },
      decimal('1'),
      decimal('100'),
    );
    positions.fill('ETH-USD', 'sell', decimal('2'), decimal('50'), NOON);
    loss.filled('ETH-USD');
    mark('BTC-USD', decimal('92'));
    mark('ETH-USD', decimal('53'));
    expect(breaches).toEqual([]);
    mark('ETH-USD', decimal('54'));
    expect(breaches).toMatchObject([{ rule: 'maxDailyLoss.total', value: decimal('16') }]);
    expect(breaches[0]!.symbol).toBeUndefined();
    expect(loss.breach('ETH-USD')).toBe(breaches[0]);
    expect(loss.breach('SOL-USD')).toBe(breaches[0]);
    change({ maxDailyLoss: decimal('20'), defaults: {}, perSymbol: {} });
    expect(loss.breaches()).toEqual([]);
    change({ maxDailyLoss: decimal('16'), defaults: {}, perSymbol: {} });
    expect(loss.breaches()).toEqual([]);
    change({ maxDailyLoss: decimal('15'), defaults: {}, perSymbol: {} });
    expect(breaches).toHaveLength(2);
  });
});
