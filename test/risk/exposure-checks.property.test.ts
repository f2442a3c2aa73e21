import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Decimal, decimal, ZERO } from '../../src/market/decimal.js';
import type { Side } from '../../src/market/side.js';
import type { LossBreach } from '../../src/risk/daily-loss.js';
import type { ExposureState, OpenOrders } from '../../src/risk/exposure.js';
import {
  ExposureChecks,
  type ExposureRequest,
  newExposure,
} from '../../src/risk/exposure-checks.js';
import { Fixed } from '../../src/risk/fixed.js';
import { asReplaced, OpenParents } from '../../src/risk/open-parents.js';
import { OutstandingChildren } from '../../src/risk/outstanding-children.js';
import { Positions } from '../../src/risk/positions.js';
import {
  limitsFor,
  type RiskLimits,
  type RiskRefusal,
  type SymbolLimits,
} from '../../src/risk/risk-limits.js';

const SYMBOL = 'BTC-USD';
const OTHER = 'ETH-USD';
const NOW = Date.UTC(2026, 11, 5, 12);
/** Below every figure's precision: a limit this much under a value is "just over" it. */
const EPSILON = decimal('0.00000001');

const quantity = fc
  .integer({ min: 1, max: 10 ** 6 })
  .map((n) => decimal(String(n)).times('0.0001'));
const price = fc.integer({ min: 1, max: 10 ** 7 }).map((n) => decimal(String(n)).times('0.01'));
const side = fc.constantFrom<Side>('buy', 'sell');
/** Which open orders the check counts: the parents' leaves (intake) or the children's (child checks). */
const level = fc.constantFrom<'parent' | 'child'>('parent', 'child');

/** An open order of the test: on a symbol and side, a quantity, and a limit (the mark without). */
interface Open {
  readonly symbol: string;
  readonly side: Side;
  readonly quantity: Decimal;
  readonly limitPrice?: Decimal;
}

const open = (symbol: string): fc.Arbitrary<Open> =>
  fc.record({ symbol: fc.constant(symbol), side, quantity, limitPrice: price });

/** The open orders as the level's book holds them. */
function openBook(kind: 'parent' | 'child', orders: readonly Open[]): OpenOrders {
  if (kind === 'parent') {
    const parents = new OpenParents();
    for (const [i, order] of orders.entries()) parents.add({ orderId: `P${i}`, ...order });
    return parents;
  }
  const children = new OutstandingChildren();
  for (const [i, order] of orders.entries()) {
    children.add({ clOrdId: `P${i}-1`, parentId: `P${i}`, timeInForce: 'day', ...order });
  }
  return children;
}

/** A standing from fills today (symbol, side, quantity, price), the references, and a breach. */
function standing(
  fills: ReadonlyArray<readonly [string, Side, Decimal, Decimal]>,
  references: Readonly<Record<string, Decimal>>,
  breach?: LossBreach,
): ExposureState {
  const positions = new Positions();
  for (const [symbol, by, qty, px] of fills) positions.fill(symbol, by, qty, px, NOW);
  const marks = new Map(Object.entries(references).map(([symbol, px]) => [symbol, Fixed.of(px)]));
  return {
    position: (symbol) => positions.of(symbol, NOW),
    reference: (symbol) => marks.get(symbol),
    symbols: () => positions.symbols(),
    lossBreach: (symbol) => ((breach?.symbol ?? symbol) === symbol ? breach : undefined),
  };
}

function check(
  own: SymbolLimits,
  order: ExposureRequest,
  state: ExposureState,
  book: OpenOrders,
  totals: Partial<RiskLimits> = {},
): RiskRefusal | undefined {
  const limits: RiskLimits = { defaults: own, perSymbol: {}, ...totals };
  return new ExposureChecks(state, book).refusal(limits, limitsFor(limits, order.symbol), order);
}

/** The value as the refusal must show it, and the rule, limit and value named in the message. */
function expectRefused(
  refusal: RiskRefusal | undefined,
  rule: string,
  limit: Decimal,
  value: Decimal,
) {
  expect(refusal).toMatchObject({ rule, limit: limit.toFixed(), value: value.toFixed() });
  expect(refusal?.message).toContain(`${rule}: `);
  expect(refusal?.message).toContain(value.toFixed());
  expect(refusal?.message).toContain(`the limit ${limit.toFixed()}`);
}

/** Refused at `value − ε`, passed at `value` (a limit is reached, not broken). */
function expectBoundary(
  rule: string,
  value: Decimal,
  run: (limit: Decimal) => RiskRefusal | undefined,
): void {
  expect(run(value)).toBeUndefined();
  const under = value.minus(EPSILON);
  expectRefused(run(under), rule, under, value);
}

/** What the order's side of the open orders and the order add to the position. */
function sameSide(orders: readonly Open[], order: Open): Decimal {
  return orders
    .filter((o) => o.symbol === order.symbol && o.side === order.side)
    .reduce((sum, o) => sum.plus(o.quantity), order.quantity);
}

function notionalOf(orders: readonly Open[], symbol: string, by?: Side): Decimal {
  return orders
    .filter((o) => o.symbol === symbol && (by === undefined || o.side === by))
    .reduce((sum, o) => sum.plus(o.quantity.times(o.limitPrice!)), ZERO);
}

/** An order on SYMBOL among open orders there, at a level, with exo holding `net` bought or sold at `cost`. */
const onOneSymbol = fc.record({
  kind: level,
  orders: fc.array(open(SYMBOL), { maxLength: 5 }),
  order: open(SYMBOL),
  held: side,
  net: quantity,
  cost: price,
  mark: price,
});

/** An order on SYMBOL among open orders on SYMBOL and OTHER, with a price and a position figure for each. */
const onTwoSymbols = fc.record({
  kind: level,
  orders: fc.array(fc.oneof(open(SYMBOL), open(OTHER)), { maxLength: 6 }),
  order: open(SYMBOL),
  net: quantity,
  px: price,
  otherNet: quantity,
  otherPx: price,
});

describe('the exposure checks, parent (open parents) and child (outstanding children)', () => {
  it('maxLongPosition / maxShortPosition: the position plus every open order on the side plus the order, at the limit passes', () => {
    fc.assert(
      fc.property(onOneSymbol, ({ kind, orders, order, held, net, cost }) => {
        const state = standing([[SYMBOL, held, net, cost]], {});
        const signed = held === 'buy' ? net : net.neg();
        const adding = sameSide(orders, order);
        const worst = order.side === 'buy' ? signed.plus(adding) : adding.minus(signed);
        fc.pre(worst.gt(EPSILON));
        const rule = order.side === 'buy' ? 'maxLongPosition' : 'maxShortPosition';
        expectBoundary(rule, worst, (limit) =>
          check({ [rule]: limit }, newExposure(order), state, openBook(kind, orders)),
        );
      }),
    );
  });

  it('maxExposureNotional: the position at the mark plus the open orders and the order on its side, at their limits', () => {
    fc.assert(
      fc.property(onOneSymbol, ({ kind, orders, order, held, net, cost, mark }) => {
        const state = standing([[SYMBOL, held, net, cost]], { [SYMBOL]: mark });
        const value = (held === 'buy' ? net : net.neg()).times(mark);
        const mine = order.quantity.times(order.limitPrice!);
        const others = notionalOf(orders, SYMBOL, order.side);
        const worst =
          order.side === 'buy' ? value.plus(others).plus(mine) : others.plus(mine).minus(value);
        fc.pre(worst.gt(EPSILON));
        expectBoundary('maxExposureNotional', worst, (limit) =>
          check({ maxExposureNotional: limit }, newExposure(order), state, openBook(kind, orders)),
        );
      }),
    );
  });

  it('maxExposureNotional.total: the other symbols at their worst case plus the order symbol on its side', () => {
    fc.assert(
      fc.property(onTwoSymbols, ({ kind, orders, order, px, otherNet, otherPx }) => {
        const state = standing([[OTHER, 'sell', otherNet, otherPx]], {
          [SYMBOL]: px,
          [OTHER]: otherPx,
        });
        const otherValue = otherNet.neg().times(otherPx);
        const otherLong = otherValue.plus(notionalOf(orders, OTHER, 'buy'));
        const otherShort = notionalOf(orders, OTHER, 'sell').minus(otherValue);
        const other = otherLong.gt(otherShort) ? otherLong : otherShort;
        const mine = order.quantity.times(order.limitPrice!);
        const worst = notionalOf(orders, SYMBOL, order.side).plus(mine);
        const before = notionalOf(orders, SYMBOL, order.side === 'buy' ? 'sell' : 'buy');
        // The order grows its symbol's exposure only past the other side's worst case.
        fc.pre(worst.gt(before));
        const total = other.plus(worst);
        expectBoundary('maxExposureNotional.total', total, (limit) =>
          check({}, newExposure(order), state, openBook(kind, orders), {
            maxExposureNotional: limit,
          }),
        );
      }),
    );
  });

  it('maxDailyTradedNotional and its total: the day’s fills plus every open order, either side, plus the order', () => {
    fc.assert(
      fc.property(
        onTwoSymbols,
        ({ kind, orders, order, net: q1, px: p1, otherNet: q2, otherPx: p2 }) => {
          const state = standing(
            [
              [SYMBOL, 'buy', q1, p1],
              [OTHER, 'sell', q2, p2],
            ],
            { [SYMBOL]: p1, [OTHER]: p2 },
          );
          const mine = order.quantity.times(order.limitPrice!);
          const onSymbol = q1.times(p1).plus(notionalOf(orders, SYMBOL)).plus(mine);
          expectBoundary('maxDailyTradedNotional', onSymbol, (limit) =>
            check(
              { maxDailyTradedNotional: limit },
              newExposure(order),
              state,
              openBook(kind, orders),
            ),
          );
          const total = onSymbol.plus(q2.times(p2)).plus(notionalOf(orders, OTHER));
          expectBoundary('maxDailyTradedNotional.total', total, (limit) =>
            check({}, newExposure(order), state, openBook(kind, orders), {
              maxDailyTradedNotional: limit,
            }),
          );
        },
      ),
    );
  });

  it('maxDailyLoss: while a breach holds, an order that reduces the position passes and one a step bigger is refused', () => {
    fc.assert(
      fc.property(level, side, quantity, quantity, price, (kind, held, net, openQty, px) => {
        fc.pre(net.gt(openQty));
        const breach: LossBreach = {
          rule: 'maxDailyLoss',
          symbol: SYMBOL,
          limit: decimal('1000'),
          value: decimal('1000.01'),
          time: NOW,
        };
        const state = standing([[SYMBOL, held, net, px]], {}, breach);
        const reducing: Side = held === 'buy' ? 'sell' : 'buy';
        const orders = [{ symbol: SYMBOL, side: reducing, quantity: openQty, limitPrice: px }];
        const room = net.minus(openQty);
        const order = (q: Decimal): Open => ({
          symbol: SYMBOL,
          side: reducing,
          quantity: q,
        });
        const own = { maxDailyLoss: breach.limit };
        expect(check(own, newExposure(order(room)), state, openBook(kind, orders))).toBeUndefined();
        const over = check(
          own,
          newExposure(order(room.plus(EPSILON))),
          state,
          openBook(kind, orders),
        );
        expectRefused(over, 'maxDailyLoss', breach.limit, breach.value);
        expect(over?.message).toContain('only orders that reduce the position pass');
        const adding = check(
          own,
          newExposure({ symbol: SYMBOL, side: held, quantity: EPSILON }),
          state,
          openBook(kind, []),
        );
        expectRefused(adding, 'maxDailyLoss', breach.limit, breach.value);
      }),
    );
  });

  it('a replace is checked only on what it grows: smaller passes even past the limit, a step bigger is refused', () => {
    fc.assert(
      fc.property(open(SYMBOL), quantity, fc.boolean(), (order, filled, priced) => {
        fc.pre(order.quantity.gt(filled));
        const parents = new OpenParents();
        parents.add({ orderId: 'P1', ...order }, filled);
        const state = standing([], { [SYMBOL]: order.limitPrice! });
        const leaves = order.quantity.minus(filled);
        const positionRule = order.side === 'buy' ? 'maxLongPosition' : 'maxShortPosition';
        // Each limit is below what the order may add already (a limit lowered since, say).
        const notional = leaves.times(order.limitPrice!);
        const [rule, value, step] = priced
          ? (['maxExposureNotional', notional, order.limitPrice!.times(EPSILON)] as const)
          : ([positionRule, leaves, EPSILON] as const);
        const limit = value.minus(EPSILON);
        const own = { [rule]: limit };
        const smaller = asReplaced(parents.get('P1')!, {
          quantity: order.quantity.minus(EPSILON),
          limitPrice: order.limitPrice,
        });
        expect(check(own, smaller, state, parents)).toBeUndefined();
        const bigger = asReplaced(parents.get('P1')!, {
          quantity: order.quantity.plus(EPSILON),
          limitPrice: order.limitPrice,
        });
        expectRefused(check(own, bigger, state, parents), rule, limit, value.plus(step));
      }),
    );
  });

  it('each order is checked against the limits passed with it: a reload of the totals or of the symbol’s own applies at once', () => {
    const state = standing([], { [SYMBOL]: decimal('100') });
    const checks = new ExposureChecks(state, new OpenParents());
    const order = newExposure({ symbol: SYMBOL, side: 'buy', quantity: decimal('2') });
    // The same own limits (the defaults) under totals that allow the order's 200, then do not.
    const own: SymbolLimits = { maxLongPosition: decimal('5') };
    const loose: RiskLimits = { defaults: own, perSymbol: {}, maxExposureNotional: decimal('200') };
    const tight: RiskLimits = { ...loose, maxExposureNotional: decimal('199') };
    /** The rule refusing the order under each limits in turn. */
    const rules = (sequence: readonly RiskLimits[]) =>
      sequence.map((limits) => checks.refusal(limits, limitsFor(limits, SYMBOL), order)?.rule);
    expect(rules([loose, tight, loose])).toEqual([
      undefined,
      'maxExposureNotional.total',
      undefined,
    ]);
    // Own limits replaced under the same totals.
    const smaller: RiskLimits = { ...loose, defaults: { maxLongPosition: decimal('1') } };
    expect(rules([loose, smaller, loose])).toEqual([undefined, 'maxLongPosition', undefined]);
  });

  it('a notional rule refuses an order without a limit with no_reference_price while no mark is known', () => {
    const state = standing([], {});
    const order: Open = { symbol: SYMBOL, side: 'buy', quantity: decimal('1') };
    const refusal = check(
      { maxExposureNotional: decimal('10') },
      newExposure(order),
      state,
      new OpenParents(),
    );
    expect(refusal).toMatchObject({ rule: 'no_reference_price', limit: 'maxExposureNotional' });
    // A position rule needs no price.
    expect(
      check({ maxLongPosition: decimal('1') }, newExposure(order), state, new OpenParents()),
    ).toBeUndefined();
  });
});
