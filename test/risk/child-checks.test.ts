import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Decimal, decimal } from '../../src/market/decimal.js';
import { Quote } from '../../src/market/quote.js';
import type { Side } from '../../src/market/side.js';
import {
  type ChildTerms,
  childTermsRefusal,
  fixedChild,
  ticksBandOf,
  touchOf,
} from '../../src/risk/child-checks.js';
import { Fixed } from '../../src/risk/fixed.js';
import type { RiskRefusal, SymbolLimits } from '../../src/risk/risk-limits.js';

/** A quote of X with bid `bid` and ask `ask`. */
function quoteOf(bid: string, ask: string): Quote {
  const one = decimal('1');
  return Quote.of({
    symbol: 'X',
    bidPx: decimal(bid),
    bidQty: one,
    askPx: decimal(ask),
    askQty: one,
  });
}

function child(side: Side, quantity: string, limitPrice?: string): ChildTerms {
  return {
    symbol: 'X',
    side,
    quantity: decimal(quantity),
    ...(limitPrice === undefined ? {} : { limitPrice: decimal(limitPrice) }),
  };
}

/** childTermsRefusal of the terms, the quote's touch and the ticks band, converted as the child checks do. */
function refusal(
  limits: SymbolLimits,
  terms: ChildTerms,
  quote: Quote | undefined,
  ticksBand: Decimal | undefined,
): RiskRefusal | undefined {
  const band = ticksBand === undefined ? undefined : Fixed.of(ticksBand);
  const touch = quote === undefined ? undefined : touchOf(quote, limits.childCollar?.percent, band);
  const refused = childTermsRefusal(limits, fixedChild(terms), touch, band);
  // A touch worked out without the collar (or for another) measures the bands itself, alike.
  const bare = quote === undefined ? undefined : touchOf(quote);
  expect(childTermsRefusal(limits, fixedChild(terms), bare, band)).toEqual(refused);
  return refused;
}

/** Asserts a refusal of `rule` whose message names the rule, the limit and the value. */
function expectRefused(
  refusal: RiskRefusal | undefined,
  rule: string,
  limit: string,
  value: string,
) {
  expect(refusal).toMatchObject({ rule, limit, value });
  expect(refusal?.message).toContain(rule);
  expect(refusal?.message).toContain(limit);
  expect(refusal?.message).toContain(value);
}

/** Hundredths as a decimal string: 12345 → "123.45". */
const cents = (n: number): string => decimal(String(n)).div(100).toString();
const amount = fc.integer({ min: 1, max: 10_000_000 });
const sides = fc.constantFrom<Side>('buy', 'sell');

describe('childTermsRefusal', () => {
  it('passes every child when no limit is set', () => {
    expect(refusal({}, child('buy', '1000000'), undefined, undefined)).toBeUndefined();
  });

  it('maxChildQuantity: a child at the limit passes, one a hundredth over is refused', () => {
    fc.assert(
      fc.property(amount, sides, (max, side) => {
        const limits: SymbolLimits = { maxChildQuantity: decimal(cents(max)) };
        expect(refusal(limits, child(side, cents(max), '1'), undefined, undefined)).toBe(undefined);
        const over = refusal(limits, child(side, cents(max + 1), '1'), undefined, undefined);
        expectRefused(over, 'maxChildQuantity', cents(max), cents(max + 1));
      }),
    );
  });

  it('maxChildNotional: quantity × limit price at the limit passes, a hair over is refused', () => {
    fc.assert(
      fc.property(amount, amount, sides, (qty, px, side) => {
        const notional = decimal(cents(qty)).times(cents(px));
        const terms = child(side, cents(qty), cents(px));
        const at: SymbolLimits = { maxChildNotional: notional };
        expect(refusal(at, terms, undefined, undefined)).toBeUndefined();
        const under: SymbolLimits = { maxChildNotional: notional.minus('0.0001') };
        const over = refusal(under, terms, undefined, undefined);
        expectRefused(
          over,
          'maxChildNotional',
          notional.minus('0.0001').toString(),
          notional.toString(),
        );
      }),
    );
  });

  it('maxChildNotional prices a market child at the touch it would take: the ask for a buy, the bid for a sell', () => {
    fc.assert(
      fc.property(amount, amount, sides, (qty, bid, side) => {
        const quote = quoteOf(cents(bid), cents(bid + 1));
        const touch = side === 'buy' ? quote.askPx : quote.bidPx;
        const notional = decimal(cents(qty)).times(touch);
        const terms = child(side, cents(qty));
        expect(refusal({ maxChildNotional: notional }, terms, quote, undefined)).toBe(undefined);
        const limit = notional.minus('0.0001');
        const over = refusal({ maxChildNotional: limit }, terms, quote, undefined);
        expectRefused(over, 'maxChildNotional', limit.toString(), notional.toString());
      }),
    );
  });

  it('childCollar in percent: a limit exactly at the band edge of the touch passes, a hair beyond is refused, either way', () => {
    fc.assert(
      fc.property(
        amount,
        fc.integer({ min: 1, max: 50 }),
        sides,
        fc.boolean(),
        (bid, pct, side, up) => {
          const quote = quoteOf(cents(bid), cents(bid + 1));
          const touch = side === 'buy' ? quote.askPx : quote.bidPx;
          const band = touch.times(pct).div(100);
          const edge = up ? touch.plus(band) : touch.minus(band);
          const beyond = up ? edge.plus('0.000001') : edge.minus('0.000001');
          const limits: SymbolLimits = { childCollar: { percent: decimal(String(pct)) } };
          const at = child(side, '1', edge.toString());
          expect(refusal(limits, at, quote, undefined)).toBeUndefined();
          const out = refusal(limits, child(side, '1', beyond.toString()), quote, undefined);
          expectRefused(out, 'childCollar', `±${pct}%`, beyond.toString());
          expect(out?.message).toContain(side === 'buy' ? 'ask' : 'bid');
        },
      ),
    );
  });

  it('childCollar in ticks: so many ticks from the touch passes, a hair more is refused; with a percent too, the tighter band applies', () => {
    fc.assert(
      fc.property(amount, fc.integer({ min: 1, max: 100 }), sides, (bid, ticks, side) => {
        const quote = quoteOf(cents(bid), cents(bid + 1));
        const touch = side === 'buy' ? quote.askPx : quote.bidPx;
        const tick = decimal('0.01');
        const edge = touch.plus(tick.times(ticks));
        const limits: SymbolLimits = { childCollar: { ticks } };
        expect(
          refusal(limits, child(side, '1', edge.toString()), quote, ticksBandOf(ticks, tick)),
        ).toBe(undefined);
        const beyond = edge.plus('0.001').toString();
        const out = refusal(limits, child(side, '1', beyond), quote, ticksBandOf(ticks, tick));
        expectRefused(out, 'childCollar', `±${ticks} ticks`, beyond);
        // A percent band far wider does not widen the ticks band.
        const both: SymbolLimits = { childCollar: { ticks, percent: decimal('1000') } };
        expect(refusal(both, child(side, '1', beyond), quote, ticksBandOf(ticks, tick))?.rule).toBe(
          'childCollar',
        );
        // Below the touch too, where the percent band reaches further down than the ticks.
        const low = touch.minus(tick.times(ticks));
        if (low.gt(touch.minus(touch.times(10)))) {
          const band = ticksBandOf(ticks, tick);
          expect(refusal(both, child(side, '1', low.toString()), quote, band)).toBe(undefined);
          const under = low.minus('0.001').toString();
          expect(refusal(both, child(side, '1', under), quote, band)?.rule).toBe('childCollar');
        }
      }),
    );
  });

  it('refuses a rule that prices against the touch when there is no quote yet, saying so', () => {
    const collar: SymbolLimits = { childCollar: { percent: decimal('5') } };
    const noQuote = refusal(collar, child('buy', '1', '100'), undefined, undefined);
    expect(noQuote).toMatchObject({ rule: 'childCollar', value: 'no quote' });
    expect(noQuote?.message).toBe('childCollar: no ask of X to check against the limit ±5%');
    const market = refusal(
      { maxChildNotional: decimal('10') },
      child('sell', '1'),
      undefined,
      undefined,
    );
    expect(market?.message).toBe('maxChildNotional: no bid of X to check against the limit 10');
  });
});
