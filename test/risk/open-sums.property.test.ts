import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimal } from '../../src/market/decimal.js';
import type { Side } from '../../src/market/side.js';
import { Fixed } from '../../src/risk/fixed.js';
import { OpenSums, type Share, shareOf } from '../../src/risk/open-sums.js';

const SYMBOLS = ['BTC-USD', 'ETH-USD'] as const;
const SIDES: readonly Side[] = ['buy', 'sell'];

/** A few marks, each one object, so that the same mark is met again by identity. */
const MARKS = [undefined, Fixed.of(decimal('101.5')), Fixed.of(decimal('99'))];

const amount = fc.integer({ min: 0, max: 5000 }).map((n) => Fixed.of(decimal(String(n)).div(100)));

/** One step: an order's share set anew (an open, a fill, a replace, an end), or the sides asked. */
const step = fc.oneof(
  fc.record({
    kind: fc.constant('move' as const),
    order: fc.integer({ min: 0, max: 5 }),
    quantity: amount,
    price: fc.option(amount, { nil: undefined }),
  }),
  fc.record({
    kind: fc.constant('ask' as const),
    symbol: fc.constantFrom(...SYMBOLS),
    mark: fc.integer({ min: 0, max: MARKS.length - 1 }),
    except: fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }),
  }),
);

/** Each order's symbol and side, fixed by its number. */
function placeOf(order: number): { symbol: string; side: Side } {
  return { symbol: SYMBOLS[order % 2]!, side: SIDES[Math.floor(order / 2) % 2]! };
}

/** The sums worked out afresh from every order's share, as `sides` must give them. */
function recomputed(
  shares: ReadonlyMap<number, Share>,
  symbol: string,
  side: Side,
  mark: Fixed | undefined,
  except: number | undefined,
): { quantity: string; notional: string | undefined } {
  let quantity = Fixed.ZERO;
  let priced = Fixed.ZERO;
  let unpriced = Fixed.ZERO;
  for (const [order, share] of shares) {
    const place = placeOf(order);
    if (order === except || place.symbol !== symbol || place.side !== side) continue;
    quantity = quantity.plus(share.quantity);
    priced = priced.plus(share.priced);
    unpriced = unpriced.plus(share.unpriced);
  }
  const notional =
    unpriced.sign() <= 0
      ? priced
      : mark === undefined
        ? undefined
        : priced.plus(unpriced.times(mark));
  return { quantity: quantity.toDecimal().toFixed(), notional: notional?.toDecimal().toFixed() };
}

describe('OpenSums', () => {
  it('gives, kept or not, what the shares sum to now, whatever the moves and marks between', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        const sums = new OpenSums();
        const shares = new Map<number, Share>();
        for (const s of steps) {
          if (s.kind === 'move') {
            const { symbol, side } = placeOf(s.order);
            const share = shareOf(s.quantity, s.price);
            sums
              .of(symbol, side)
              .move(shares.get(s.order) ?? shareOf(Fixed.ZERO, undefined), share);
            shares.set(s.order, share);
            continue;
          }
          const mark = MARKS[s.mark];
          const left = s.except === undefined ? undefined : shares.get(s.except);
          const except =
            left === undefined || placeOf(s.except!).symbol !== s.symbol
              ? undefined
              : { side: placeOf(s.except!).side, share: left };
          const got = sums.sides(s.symbol, mark, except);
          const leftOut = except === undefined ? undefined : s.except;
          for (const side of SIDES) {
            const want = recomputed(shares, s.symbol, side, mark, leftOut);
            expect({
              quantity: got[side].quantity.toDecimal().toFixed(),
              notional: got[side].notional?.toDecimal().toFixed(),
            }).toEqual(want);
          }
        }
      }),
    );
  });
});
