import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Decimal, decimal, ZERO } from '../../src/market/decimal.js';
import type { OrdStatus } from '../../src/market/ord-status.js';
import type { Side } from '../../src/market/side.js';
import { Fixed } from '../../src/risk/fixed.js';
import { WorkingChildren } from '../../src/risk/working-children.js';

/** One step on the book: a child sent, a report of one, a replace of one, or a parent completed. */
const step = fc.oneof(
  fc.record({
    kind: fc.constant('add' as const),
    parent: fc.integer({ min: 0, max: 3 }),
    symbol: fc.constantFrom('BTC-USD', 'ETH-USD'),
    side: fc.constantFrom<Side>('buy', 'sell'),
    quantity: fc.integer({ min: 1, max: 5 }),
    // A few prices, so that ties for the best are common; none for a market child.
    price: fc.option(fc.constantFrom('99', '100', '100.5', '101'), { nil: undefined }),
  }),
  fc.record({
    kind: fc.constant('report' as const),
    which: fc.nat(),
    status: fc.constantFrom<OrdStatus>('new', 'partially_filled', 'filled', 'canceled', 'rejected'),
    cumQty: fc.integer({ min: 0, max: 5 }),
  }),
  fc.record({
    kind: fc.constant('amend' as const),
    which: fc.nat(),
    price: fc.option(fc.constantFrom('99', '100', '100.5', '101'), { nil: undefined }),
  }),
  fc.record({ kind: fc.constant('complete' as const), parent: fc.integer({ min: 0, max: 3 }) }),
);

/** A child as the model keeps it: in a list in the order sent, its terms as the book should have them. */
interface Modelled {
  clOrdId: string;
  parentId: string;
  symbol: string;
  side: Side;
  quantity: Decimal;
  limitPrice: Decimal | undefined;
  cumQty: Decimal;
}

const TERMINAL: readonly OrdStatus[] = ['filled', 'canceled', 'rejected'];

/** The resting child a child of `side` at `price` would cross, as the checks define it, from a list. */
function crossedIn(
  working: readonly Modelled[],
  symbol: string,
  side: Side,
  price: Decimal | undefined,
) {
  const other = working.filter(
    (c) => c.symbol === symbol && c.side !== side && c.limitPrice !== undefined,
  );
  // The best-priced resting child of the other side (a buy meets the lowest sell, a sell the
  // highest buy), the earliest sent among equals.
  let best: Modelled | undefined;
  for (const c of other) {
    const better =
      side === 'buy'
        ? c.limitPrice!.lt(best?.limitPrice ?? 0)
        : c.limitPrice!.gt(best?.limitPrice ?? 0);
    if (best === undefined || better) best = c;
  }
  if (best === undefined || price === undefined) return best?.clOrdId;
  const crosses = side === 'buy' ? price.gte(best.limitPrice!) : price.lte(best.limitPrice!);
  return crosses ? best.clOrdId : undefined;
}

describe('WorkingChildren', () => {
  it('counts, lists, nets and finds the crossing child as a plain list of the children working would', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 50 }), (steps) => {
        const book = new WorkingChildren();
        let working: Modelled[] = [];
        let sent = 0;
        for (const s of steps) {
          if (s.kind === 'add') {
            const child: Modelled = {
              clOrdId: `C${sent++}`,
              parentId: `P${s.parent}`,
              symbol: s.symbol,
              side: s.side,
              quantity: decimal(String(s.quantity)),
              limitPrice: s.price === undefined ? undefined : decimal(s.price),
              cumQty: ZERO,
            };
            book.add({ ...child, timeInForce: 'day', limitPrice: child.limitPrice });
            working.push(child);
          } else if (s.kind === 'report' && working.length > 0) {
            const child = working[s.which % working.length]!;
            const cumQty = decimal(String(Math.min(s.cumQty, child.quantity.toNumber())));
            book.onReport({
              orderId: child.parentId,
              clOrdId: child.clOrdId,
              status: s.status,
              cumQty,
              transactTime: 0,
            });
            if (TERMINAL.includes(s.status)) working = working.filter((c) => c !== child);
            else if (cumQty.gt(child.cumQty)) child.cumQty = cumQty;
          } else if (s.kind === 'amend' && working.length > 0) {
            const child = working[s.which % working.length]!;
            const price = s.price === undefined ? undefined : decimal(s.price);
            book.amend(child.clOrdId, undefined, price);
            if (price !== undefined) child.limitPrice = price;
          } else if (s.kind === 'complete' && !working.some((c) => c.parentId === `P${s.parent}`)) {
            book.forgetParent(`P${s.parent}`);
          }
          for (const symbol of ['BTC-USD', 'ETH-USD']) {
            const mine = working.filter((c) => c.symbol === symbol);
            expect(book.ofSymbol(symbol)).toBe(mine.length);
            expect(book.inScope(symbol).map((c) => c.clOrdId)).toEqual(mine.map((c) => c.clOrdId));
            for (const side of ['buy', 'sell'] as const) {
              const open = mine
                .filter((c) => c.side === side)
                .reduce((sum, c) => sum.plus(c.quantity.minus(c.cumQty)), ZERO);
              expect(book.openOnSide(symbol, side).toFixed()).toBe(open.toFixed());
              for (const price of [undefined, decimal('99.5'), decimal('100.5')]) {
                const fixedPrice = price === undefined ? undefined : Fixed.of(price);
                expect(book.crossed(symbol, side, fixedPrice)?.clOrdId).toBe(
                  crossedIn(working, symbol, side, price),
                );
              }
            }
          }
          expect(book.inScope().map((c) => c.clOrdId)).toEqual(working.map((c) => c.clOrdId));
          for (let p = 0; p < 4; p++) {
            expect(book.ofParent(`P${p}`)).toBe(
              working.filter((c) => c.parentId === `P${p}`).length,
            );
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
