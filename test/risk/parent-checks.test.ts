import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Decimal, decimal } from '../../src/market/decimal.js';
import { Quote } from '../../src/market/quote.js';
import { Trade } from '../../src/market/trade.js';
import {
  checkNewParent,
  checkParentTerms,
  type ParentMarket,
  type ParentTerms,
} from '../../src/risk/parent-checks.js';
import { ReferencePrices } from '../../src/risk/reference-prices.js';
import type { RiskLimits, RiskRefusal, SymbolLimits } from '../../src/risk/risk-limits.js';

const SYMBOL = 'BTC-USD';
const TICK = decimal('0.01');
/** The smallest step of the figures below: "just over" is the limit plus this. */
const STEP = decimal('0.0001');

/** A positive decimal with up to 4 places. */
const figure = fc
  .integer({ min: 1, max: 10 ** 10 })
  .map((units) => decimal(String(units)).times(STEP));
const count = fc.integer({ min: 1, max: 1000 });

function limitsWith(defaults: SymbolLimits, top: Partial<RiskLimits> = {}): RiskLimits {
  return { defaults, perSymbol: {}, ...top };
}

function market(reference: Decimal | undefined): ParentMarket {
  return { reference: () => reference, tickSize: () => TICK };
}

function terms(quantity: Decimal, limitPrice?: Decimal): ParentTerms {
  return { symbol: SYMBOL, algo: 'take', quantity, ...(limitPrice ? { limitPrice } : {}) };
}

const NONE_OPEN = { onSymbol: 0, total: 0 };

function expectRefusal(refusal: RiskRefusal | undefined, rule: string, limit: string): void {
  expect(refusal).toBeDefined();
  expect(refusal?.rule).toBe(rule);
  expect(refusal?.limit).toBe(limit);
  expect(refusal?.message).toContain(rule);
  expect(refusal?.message).toContain(limit);
  expect(refusal?.message).toContain(refusal?.value);
}

describe('parent checks', () => {
  it('maxParentQuantity: at the limit passes, one step over refuses', () => {
    fc.assert(
      fc.property(figure, (limit) => {
        const limits = limitsWith({ maxParentQuantity: limit });
        expect(checkNewParent(limits, terms(limit), market(undefined), NONE_OPEN)).toBeUndefined();
        const over = checkNewParent(limits, terms(limit.plus(STEP)), market(undefined), NONE_OPEN);
        expectRefusal(over, 'maxParentQuantity', limit.toFixed());
        expect(over?.value).toBe(limit.plus(STEP).toFixed());
      }),
    );
  });

  it('maxParentNotional: quantity × limit price, or × the reference without a limit', () => {
    fc.assert(
      fc.property(figure, figure, fc.boolean(), (quantity, price, priced) => {
        const notional = quantity.times(price);
        const limits = limitsWith({ maxParentNotional: notional });
        const at = priced ? terms(quantity, price) : terms(quantity);
        expect(checkNewParent(limits, at, market(price), NONE_OPEN)).toBeUndefined();
        const bigger = quantity.plus(STEP);
        const over = checkNewParent(
          limits,
          priced ? terms(bigger, price) : terms(bigger),
          market(price),
          NONE_OPEN,
        );
        expectRefusal(over, 'maxParentNotional', notional.toFixed());
        expect(over?.value).toBe(bigger.times(price).toFixed());
      }),
    );
  });

  it('parentCollar.percent: a limit at the band passes, one step beyond it refuses, either side', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10 ** 7 }),
        fc.integer({ min: 1, max: 50 }),
        fc.constantFrom(1, -1),
        (hundredths, percent, sign) => {
          const reference = decimal(String(hundredths)).times(100);
          const band = reference.times(percent).div(100);
          const limits = limitsWith({ parentCollar: { percent: decimal(String(percent)) } });
          const edge = reference.plus(band.times(sign));
          expect(
            checkNewParent(limits, terms(decimal('1'), edge), market(reference), NONE_OPEN),
          ).toBeUndefined();
          const beyond = edge.plus(STEP.times(sign));
          const over = checkNewParent(
            limits,
            terms(decimal('1'), beyond),
            market(reference),
            NONE_OPEN,
          );
          expectRefusal(over, 'parentCollar.percent', String(percent));
          expect(decimal(over!.value).gt(percent)).toBe(true);
        },
      ),
    );
  });

  it('parentCollar.ticks: n ticks away passes, n ticks and a step refuses', () => {
    fc.assert(
      fc.property(figure, count, fc.constantFrom(1, -1), (reference, ticks, sign) => {
        const limits = limitsWith({ parentCollar: { ticks } });
        const base = reference.plus(TICK.times(ticks + 1));
        const edge = base.plus(TICK.times(ticks).times(sign));
        expect(
          checkNewParent(limits, terms(decimal('1'), edge), market(base), NONE_OPEN),
        ).toBeUndefined();
        const over = checkNewParent(
          limits,
          terms(decimal('1'), edge.plus(STEP.times(sign))),
          market(base),
          NONE_OPEN,
        );
        expectRefusal(over, 'parentCollar.ticks', String(ticks));
        expect(over?.value).toBe(TICK.times(ticks).plus(STEP).div(TICK).toFixed());
      }),
    );
  });

  it('maxOpenParents per symbol and in total: the last one under passes, one more refuses', () => {
    fc.assert(
      fc.property(count, count, (perSymbol, total) => {
        const bySymbol = limitsWith({ maxOpenParents: perSymbol });
        const order = terms(decimal('1'));
        const under = { onSymbol: perSymbol - 1, total: perSymbol - 1 };
        expect(checkNewParent(bySymbol, order, market(undefined), under)).toBeUndefined();
        const full = { onSymbol: perSymbol, total: perSymbol };
        const over = checkNewParent(bySymbol, order, market(undefined), full);
        expectRefusal(over, 'maxOpenParents', String(perSymbol));
        expect(over?.value).toBe(String(perSymbol + 1));
        const overall = limitsWith({}, { maxOpenParents: total });
        const below = { onSymbol: 0, total: total - 1 };
        expect(checkNewParent(overall, order, market(undefined), below)).toBeUndefined();
        const all = checkNewParent(overall, order, market(undefined), { onSymbol: 0, total });
        expectRefusal(all, 'maxOpenParents.total', String(total));
      }),
    );
  });

  it('refuses a symbol or algorithm the limits do not list', () => {
    const limits = limitsWith({}, { symbols: ['ETH-USD'], algos: ['twap'] });
    const symbol = checkNewParent(limits, terms(decimal('1')), market(undefined), NONE_OPEN);
    expect(symbol).toMatchObject({ rule: 'symbols', limit: 'ETH-USD', value: SYMBOL });
    const algo = checkNewParent(
      { ...limits, symbols: [SYMBOL] },
      terms(decimal('1')),
      market(undefined),
      NONE_OPEN,
    );
    expect(algo).toMatchObject({ rule: 'algos', limit: 'twap', value: 'take' });
    expect(algo?.message).toBe('algos: "take" is not among the allowed twap');
  });

  it('per-symbol limits override the defaults', () => {
    const limits: RiskLimits = {
      defaults: { maxParentQuantity: decimal('1') },
      perSymbol: { [SYMBOL]: { maxParentQuantity: decimal('5') } },
    };
    const order = terms(decimal('3'));
    expect(checkNewParent(limits, order, market(undefined), NONE_OPEN)).toBeUndefined();
    const other = checkNewParent(
      limits,
      { ...order, symbol: 'ETH-USD' },
      market(undefined),
      NONE_OPEN,
    );
    expect(other?.rule).toBe('maxParentQuantity');
  });

  it('refuses with no_reference_price only when a check needs the reference and none is known', () => {
    const collar = limitsWith({ parentCollar: { percent: decimal('5') } });
    const priced = terms(decimal('1'), decimal('100'));
    expect(checkNewParent(collar, priced, market(undefined), NONE_OPEN)).toMatchObject({
      rule: 'no_reference_price',
      limit: 'parentCollar',
    });
    const notional = limitsWith({ maxParentNotional: decimal('1000') });
    expect(checkNewParent(notional, priced, market(undefined), NONE_OPEN)).toBeUndefined();
    expect(
      checkNewParent(notional, terms(decimal('1')), market(undefined), NONE_OPEN),
    ).toMatchObject({ rule: 'no_reference_price', limit: 'maxParentNotional' });
    expect(checkNewParent(limitsWith({}), priced, market(undefined), NONE_OPEN)).toBeUndefined();
  });

  it('a replace is checked only on the rules its changes can break', () => {
    const limits = limitsWith({
      maxParentQuantity: decimal('1'),
      parentCollar: { percent: decimal('1') },
    });
    const wide = terms(decimal('5'), decimal('200'));
    const sameTerms = { quantity: false, limitPrice: false };
    expect(checkParentTerms(limits, wide, market(decimal('100')), sameTerms)).toBeUndefined();
    const price = { quantity: false, limitPrice: true };
    expect(checkParentTerms(limits, wide, market(decimal('100')), price)?.rule).toBe(
      'parentCollar.percent',
    );
  });

  it('takes the mid of the latest quote as the reference, else the last trade', () => {
    const prices = new ReferencePrices();
    expect(prices.of(SYMBOL)).toBeUndefined();
    prices.trade(Trade.of(SYMBOL, decimal('101'), decimal('1')));
    expect(prices.of(SYMBOL)?.toFixed()).toBe('101');
    prices.quote(
      Quote.of({
        symbol: SYMBOL,
        bidPx: decimal('99'),
        bidQty: decimal('1'),
        askPx: decimal('100'),
        askQty: decimal('1'),
      }),
    );
    expect(prices.of(SYMBOL)?.toFixed()).toBe('99.5');
  });
});
