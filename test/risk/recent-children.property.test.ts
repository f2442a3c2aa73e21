import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimal } from '../../src/market/decimal.js';
import type { Side } from '../../src/market/side.js';
import { type ChildTerms, fixedChild } from '../../src/risk/child-checks.js';
import { RecentChildren } from '../../src/risk/recent-children.js';

/** One step: a child of these terms checked at a time so far after the last, then remembered or not. */
const step = fc.record({
  // Symbols share hashes (the hash leaves the symbol out), so their children chain together.
  symbol: fc.constantFrom('BTC-USD', 'ETH-USD', 'SOL-USD'),
  side: fc.constantFrom<Side>('buy', 'sell'),
  // Few terms, so that children meet earlier ones (and those of other symbols, in one chain).
  quantity: fc.constantFrom('1', '0.001', '1e3'),
  limitPrice: fc.constantFrom(undefined, '100.5'),
  // Mostly in the same ms or the next: many children are remembered at once.
  after: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 4 })),
  passes: fc.boolean(),
});

describe('RecentChildren', () => {
  it('finds the latest earlier child with the same side, symbol, quantity and price within the window, as a list of every child would', () => {
    fc.assert(
      // One window, as the limits give a symbol (a reload's new one counts afresh): short ones
      // keep a few children (looked through), long ones many (indexed by hash).
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.array(step, { maxLength: 100 }),
        (windowMs, steps) => {
          const recent = new RecentChildren();
          const all: { terms: ChildTerms; clOrdId: string; time: number }[] = [];
          let now = 0;
          for (const [i, s] of steps.entries()) {
            now += s.after;
            const terms: ChildTerms = {
              symbol: s.symbol,
              side: s.side,
              quantity: decimal(s.quantity),
              ...(s.limitPrice === undefined ? {} : { limitPrice: decimal(s.limitPrice) }),
            };
            const child = fixedChild(terms);
            const same = all.filter(
              (earlier) =>
                earlier.terms.symbol === terms.symbol &&
                earlier.terms.side === terms.side &&
                earlier.terms.quantity.eq(terms.quantity) &&
                String(earlier.terms.limitPrice) === String(terms.limitPrice),
            );
            const latest = same.at(-1);
            const expected =
              latest !== undefined && now - latest.time < windowMs
                ? { clOrdId: latest.clOrdId, time: latest.time }
                : undefined;
            const found = recent.within(child, now, windowMs);
            expect(
              found === undefined ? undefined : { clOrdId: found.clOrdId, time: found.time },
            ).toEqual(expected);
            if (s.passes) {
              recent.add(child, `C${i}`, now);
              all.push({ terms, clOrdId: `C${i}`, time: now });
            }
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it("keeps the other symbols' children that hash alike when one of them is replaced or dropped", () => {
    const recent = new RecentChildren();
    const on = (symbol: string) =>
      fixedChild({ symbol, side: 'buy', quantity: decimal('1'), limitPrice: decimal('100') });
    const [btc, eth, sol] = [on('BTC-USD'), on('ETH-USD'), on('SOL-USD')];
    // Enough others that the children are found by hash (in chains), not looked through.
    for (let i = 0; i < 20; i++) {
      const other = fixedChild({ symbol: 'X', side: 'sell', quantity: decimal(String(i + 1)) });
      recent.add(other, `X${i}`, 0);
    }
    recent.add(btc, 'B1', 0);
    recent.add(eth, 'E1', 1);
    recent.add(sol, 'S1', 2);
    // ETH's child, between the two others in their chain, is replaced by a later one.
    recent.add(eth, 'E2', 3);
    expect(recent.within(btc, 4, 5)?.clOrdId).toBe('B1');
    expect(recent.within(eth, 4, 5)?.clOrdId).toBe('E2');
    expect(recent.within(sol, 4, 5)?.clOrdId).toBe('S1');
    // BTC's, the oldest, is dropped once the window has passed it; the others stay.
    expect(recent.within(btc, 6, 5)).toBeUndefined();
    expect(recent.within(sol, 6, 5)?.clOrdId).toBe('S1');
    expect(recent.within(eth, 7, 5)?.clOrdId).toBe('E2');
  });
});
