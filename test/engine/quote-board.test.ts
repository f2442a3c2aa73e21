import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/clock.js';
import { QuoteBoard } from '../../src/engine/quote-board.js';
import { decimal } from '../../src/market/decimal.js';
import { Quote } from '../../src/market/quote.js';

function quote(symbol: string, bid: number): Quote {
  return Quote.of({
    symbol,
    bidPx: decimal(String(bid)),
    bidQty: decimal('1'),
    askPx: decimal(String(bid + 1)),
    askQty: decimal('1'),
  });
}

describe('QuoteBoard', () => {
  it('shows the first quote at once, then at most one per interval: the latest', () => {
    const clock = new VirtualClock(1000);
    const shown: Quote[] = [];
    const board = new QuoteBoard({ clock, intervalMs: 100, show: (q) => shown.push(q) });
    board.push(quote('A', 1));
    board.push(quote('A', 2));
    board.push(quote('A', 3));
    expect(shown.map((q) => q.bidPx.toNumber())).toEqual([1]);
    clock.advance(100);
    expect(shown.map((q) => q.bidPx.toNumber())).toEqual([1, 3]);
    expect(board.latest().map((q) => q.bidPx.toNumber())).toEqual([3]);
  });

  it('throttles each symbol on its own', () => {
    const clock = new VirtualClock();
    const shown: string[] = [];
    const board = new QuoteBoard({ clock, intervalMs: 50, show: (q) => shown.push(q.symbol) });
    board.push(quote('A', 1));
    board.push(quote('B', 1));
    board.push(quote('A', 2));
    expect(shown).toEqual(['A', 'B']);
    board.close();
    clock.advance(1000);
    expect(shown).toEqual(['A', 'B']);
  });

  it('never shows a symbol twice within the interval, and always ends on the latest quote', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ gap: fc.integer({ min: 0, max: 80 }), bid: fc.integer({ min: 1, max: 99 }) }),
          {
            minLength: 1,
            maxLength: 50,
          },
        ),
        (ticks) => {
          const clock = new VirtualClock();
          const times: number[] = [];
          const shown: Quote[] = [];
          const board = new QuoteBoard({
            clock,
            intervalMs: 50,
            show: (q) => {
              times.push(clock.now());
              shown.push(q);
            },
          });
          for (const { gap, bid } of ticks) {
            clock.advance(gap);
            board.push(quote('A', bid));
          }
          clock.advance(50);
          for (let i = 1; i < times.length; i++)
            expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(50);
          expect(shown.at(-1)?.bidPx.toNumber()).toBe(ticks.at(-1)?.bid);
        },
      ),
    );
  });
});
