import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Decimal, decimal, Trade, ZERO } from '../../src/market/index.js';
import { decimalText } from './arbitraries.js';

interface Print {
  readonly px: string;
  readonly qty: string;
  readonly time: number;
  readonly tradeId: string | undefined;
}

const print: fc.Arbitrary<Print> = fc.record({
  px: decimalText(),
  qty: decimalText(10n ** 9n, 4),
  time: fc.nat(),
  tradeId: fc.option(fc.string({ minLength: 1 }), { nil: undefined }),
});

const prints = fc.array(print, { minLength: 1, maxLength: 30 });

function toTrade(p: Print): Trade {
  return Trade.of('XYZ', decimal(p.px), decimal(p.qty), p.time, p.tradeId);
}

function fold(trades: readonly Trade[]): Trade {
  return trades.reduce((earlier, later) => earlier.aggregate(later));
}

/** Every figure of a trade, as text: equal snapshots mean equal figures. */
function figures(trade: Trade): string {
  const { symbol, lastPx, lastQty, volume, count, time, tradeId, notional, vwap } = trade;
  return JSON.stringify({ symbol, lastPx, lastQty, volume, count, time, tradeId, notional, vwap });
}

describe('trade', () => {
  it('a single print is its own volume and VWAP', () => {
    const trade = Trade.of('XYZ', decimal('10.5'), decimal('3'), 7, 't1');
    expect(trade.volume.toString()).toBe('3');
    expect(trade.vwap.toString()).toBe('10.5');
    expect(trade.notional.toString()).toBe('31.5');
    expect(trade.count).toBe(1);
    expect(trade.time).toBe(7);
    expect(trade.tradeId).toBe('t1');
  });

  it('aggregating gives the last print of the later trade and volume and VWAP of both', () => {
    const trade = Trade.of('XYZ', decimal('10'), decimal('1'), 1).aggregate(
      Trade.of('XYZ', decimal('13'), decimal('2'), 2, 'b'),
    );
    expect(trade.lastPx.toString()).toBe('13');
    expect(trade.lastQty.toString()).toBe('2');
    expect(trade.volume.toString()).toBe('3');
    expect(trade.vwap.toString()).toBe('12');
    expect(trade.count).toBe(2);
    expect(trade.time).toBe(2);
    expect(trade.tradeId).toBe('b');
  });

  it('folding prints with aggregate matches the model: sums, exact VWAP, last print, count', () => {
    fc.assert(
      fc.property(prints, (ps) => {
        const trade = fold(ps.map(toTrade));
        const volume = ps.reduce((sum: Decimal, p) => sum.plus(p.qty), ZERO);
        const notional = ps.reduce((sum: Decimal, p) => sum.plus(decimal(p.px).times(p.qty)), ZERO);
        const last = ps[ps.length - 1]!;
        expect(trade.volume.eq(volume)).toBe(true);
        expect(trade.notional.eq(notional)).toBe(true);
        expect(trade.vwap.eq(notional.div(volume))).toBe(true);
        expect(trade.lastPx.eq(last.px)).toBe(true);
        expect(trade.lastQty.eq(last.qty)).toBe(true);
        expect(trade.time).toBe(last.time);
        expect(trade.tradeId).toBe(last.tradeId);
        expect(trade.count).toBe(ps.length);
      }),
    );
  });

  it('aggregating already aggregated trades gives the same figures as one fold', () => {
    fc.assert(
      fc.property(prints, fc.nat(), (ps, at) => {
        const trades = ps.map(toTrade);
        const split = (at % trades.length) + 1;
        const right = trades.slice(split);
        const merged =
          right.length === 0 ? fold(trades) : fold(trades.slice(0, split)).aggregate(fold(right));
        expect(figures(merged)).toBe(figures(fold(trades)));
      }),
    );
  });

  it('sums hundreds of prints merged in any shape, read at any point, exactly as the model', () => {
    const many = fc.array(print, { minLength: 65, maxLength: 400 });
    fc.assert(
      fc.property(many, fc.array(fc.nat()), fc.array(fc.boolean()), (ps, picks, reads) => {
        // Merge neighbours in a random order (a random tree), sometimes reading a figure midway.
        let row = ps.map(toTrade);
        for (let i = 0; row.length > 1; i++) {
          const at = (picks[i % Math.max(1, picks.length)] ?? i) % (row.length - 1);
          const merged = row[at]!.aggregate(row[at + 1]!);
          if (reads[i % Math.max(1, reads.length)] === true) void merged.volume;
          row = [...row.slice(0, at), merged, ...row.slice(at + 2)];
        }
        const trade = row[0]!;
        const volume = ps.reduce((sum: Decimal, p) => sum.plus(p.qty), ZERO);
        const notional = ps.reduce((sum: Decimal, p) => sum.plus(decimal(p.px).times(p.qty)), ZERO);
        expect(trade.count).toBe(ps.length);
        expect(trade.volume.eq(volume)).toBe(true);
        expect(trade.notional.eq(notional)).toBe(true);
        expect(trade.lastPx.eq(ps[ps.length - 1]!.px)).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  it('a long run of aggregations stays shallow: summing 100,000 prints does not overflow', () => {
    const one = Trade.of('XYZ', decimal('2.5'), decimal('0.1'));
    let trade = one;
    for (let i = 1; i < 100_000; i++) trade = trade.aggregate(one);
    expect(trade.volume.toString()).toBe('10000');
    expect(trade.vwap.toString()).toBe('2.5');
  });

  it('aggregating never changes the trades it aggregates', () => {
    fc.assert(
      fc.property(prints, (ps) => {
        const trades = ps.map(toTrade);
        const partials = trades.map((_, i) => fold(trades.slice(0, i + 1)));
        const before = [...trades, ...partials].map(figures);
        fold(trades);
        partials.forEach((partial, i) => {
          if (i + 1 < trades.length) partial.aggregate(trades[i + 1]!);
        });
        expect([...trades, ...partials].map(figures)).toEqual(before);
      }),
    );
  });

  it('figures read lazily after aggregating are still those of the trade itself', () => {
    const a = Trade.of('XYZ', decimal('10'), decimal('1'));
    const b = Trade.of('XYZ', decimal('20'), decimal('3'));
    const ab = a.aggregate(b);
    expect(ab.vwap.toString()).toBe('17.5');
    expect(a.vwap.toString()).toBe('10');
    expect(a.notional.toString()).toBe('10');
    expect(b.vwap.toString()).toBe('20');
  });

  it('prints of zero size aggregate without dividing by zero: VWAP is then the last price', () => {
    const trade = Trade.of('XYZ', decimal('10'), ZERO).aggregate(
      Trade.of('XYZ', decimal('11'), ZERO),
    );
    expect(trade.volume.toString()).toBe('0');
    expect(trade.vwap.toString()).toBe('11');
  });
});
