import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimal } from '../../src/market/decimal.js';
import { Quote } from '../../src/market/quote.js';
import { ReferencePrices } from '../../src/risk/reference-prices.js';

/** Prices of any number of places, some past the 20 big.js divides to, some zero or negative. */
const price = fc
  .tuple(fc.bigInt({ min: -(10n ** 6n), max: 10n ** 24n }), fc.integer({ min: 0, max: 24 }))
  .map(([units, places]) => decimal(`${units}e${-places}`));

function quoteOf(bid: ReturnType<typeof decimal>, ask: ReturnType<typeof decimal>): Quote {
  const one = decimal('1');
  return Quote.of({ symbol: 'X', bidPx: bid, bidQty: one, askPx: ask, askQty: one });
}

describe('ReferencePrices', () => {
  it('takes as the reference the mid big.js works out, (bid + ask) / 2, of a quote priced on both sides, the same Decimal until the next', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(price, price), { minLength: 1, maxLength: 5 }), (quotes) => {
        const prices = new ReferencePrices();
        let expected: string | undefined;
        for (const [bid, ask] of quotes) {
          prices.quote(quoteOf(bid, ask));
          if (bid.gt(0) && ask.gt(0)) expected = bid.plus(ask).div(2).toString();
          expect(prices.of('X')?.toString()).toBe(expected);
          expect(prices.of('X')).toBe(prices.of('X'));
        }
      }),
      { numRuns: 300 },
    );
  });
});
