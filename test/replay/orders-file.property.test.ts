import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseOrders } from '../../src/replay/orders-file.js';
import type { ReplayAmend, ReplayOrder } from '../../src/replay/replay-order.js';
import { isoFromUs } from '../../src/replay/replay-time.js';
import { CONTEXT, FROM_US, TO_US } from './orders-fixtures.js';

/** A positive decimal as a venue might write it: any precision, no sign. */
const decimalText = fc
  .tuple(fc.integer({ min: 0, max: 99_999 }), fc.option(fc.stringMatching(/^\d{1,8}$/)))
  .filter(([units, fraction]) => units > 0 || /[1-9]/.test(fraction ?? ''))
  .map(([units, fraction]) => (fraction === null ? String(units) : `${units}.${fraction}`));

const instant = fc.integer({ min: FROM_US, max: TO_US });

const amend = (fromUs: number, toUs: number): fc.Arbitrary<ReplayAmend> =>
  fc
    .record(
      {
        atUs: fc.integer({ min: fromUs, max: toUs }),
        quantity: decimalText,
        limitPrice: decimalText,
      },
      { requiredKeys: ['atUs'] },
    )
    .filter((a) => a.quantity !== undefined || a.limitPrice !== undefined);

const order: fc.Arbitrary<Omit<ReplayOrder, 'ref'>> = fc
  .tuple(instant, instant, fc.boolean())
  .chain(([a, b, cancelled]) => {
    const [startUs, endUs] = a <= b ? [a, b] : [b, a];
    return fc.record(
      {
        symbol: fc.constantFrom('BTC-USD', 'ETH-USD'),
        side: fc.constantFrom('buy' as const, 'sell' as const),
        quantity: decimalText,
        limitPrice: decimalText,
        algo: fc.constantFrom('take', 'peg', 'twap'),
        params: fc.constant({}),
        startUs: fc.constant(startUs),
        amends: fc
          .array(amend(startUs, endUs), { maxLength: 3 })
          .map((list) => [...list].sort((x, y) => x.atUs - y.atUs)),
        cancelAtUs: fc.constant(endUs),
      },
      {
        requiredKeys: [
          'symbol',
          'side',
          'quantity',
          'algo',
          'params',
          'startUs',
          'amends',
          ...(cancelled ? (['cancelAtUs'] as const) : []),
        ],
      },
    );
  });

/** An instant as orders.json may write it: an ISO time or an offset from the recording start. */
function timeText(us: number, asOffset: boolean): string {
  return asOffset ? `+${us - FROM_US}us` : isoFromUs(us);
}

function toJson(o: ReplayOrder, asOffset: boolean, withId: boolean): Record<string, unknown> {
  return {
    ...(withId ? { id: o.ref } : {}),
    symbol: o.symbol,
    side: o.side,
    quantity: o.quantity,
    ...(o.limitPrice === undefined ? {} : { limitPrice: o.limitPrice }),
    algo: o.algo,
    params: o.params,
    start: timeText(o.startUs, asOffset),
    amend: o.amends.map((a) => ({
      at: timeText(a.atUs, asOffset),
      ...(a.quantity === undefined ? {} : { quantity: a.quantity }),
      ...(a.limitPrice === undefined ? {} : { limitPrice: a.limitPrice }),
    })),
    ...(o.cancelAtUs === undefined ? {} : { cancelAt: timeText(o.cancelAtUs, asOffset) }),
  };
}

describe('orders.json (property)', () => {
  it('any valid orders file reads back as the orders it was written from', () => {
    fc.assert(
      fc.property(
        fc.array(order, { maxLength: 6 }),
        fc.boolean(),
        fc.boolean(),
        (drafts, asOffset, withId) => {
          const orders: ReplayOrder[] = drafts.map((draft, i) => ({
            ref: withId ? `id-${i}` : `orders[${i}]`,
            ...draft,
          }));
          const text = JSON.stringify(orders.map((o) => toJson(o, asOffset, withId)));
          expect(parseOrders(text, 'orders.json', CONTEXT)).toEqual(orders);
        },
      ),
    );
  });
});
