import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Decimal, decimal, ZERO } from '../../src/market/decimal.js';
import type { Side } from '../../src/market/side.js';
import { Positions, utcDay } from '../../src/risk/positions.js';

const DAY = 86_400_000;
const MORNING = Date.UTC(2026, 11, 5, 9);

const fillArb = fc.record({
  side: fc.constantFrom<Side>('buy', 'sell'),
  qty: fc.integer({ min: 1, max: 400 }).map((n) => decimal(String(n)).div(4)),
  px: fc.integer({ min: 9_000, max: 11_000 }).map((n) => decimal(String(n)).div(100)),
});

/** Quantity bought minus sold, and cash paid minus received: what any fold must agree with. */
function totals(fills: readonly { side: Side; qty: Decimal; px: Decimal }[]) {
  let net = ZERO;
  let cash = ZERO;
  let traded = ZERO;
  for (const { side, qty, px } of fills) {
    net = side === 'buy' ? net.plus(qty) : net.minus(qty);
    cash = side === 'buy' ? cash.plus(qty.times(px)) : cash.minus(qty.times(px));
    traded = traded.plus(qty.times(px));
  }
  return { net, cash, traded };
}

/** Rounding of the average price (20 places) is all that may separate the two sides. */
const CLOSE = decimal('1e-9');

describe('Positions', () => {
  it('nets every fill, adds up the day traded, and realised plus open cost is the cash flow', () => {
    fc.assert(
      fc.property(fc.array(fillArb, { maxLength: 60 }), (fills) => {
        const positions = new Positions();
        fills.forEach(({ side, qty, px }, i) => {
          positions.fill('BTC-USD', side, qty, px, MORNING + i);
        });
        const { net, cash, traded } = totals(fills);
        const position = positions.of('BTC-USD');
        expect(position.net.eq(net)).toBe(true);
        expect(position.traded.eq(traded)).toBe(true);
        // Whatever was bought and sold: realised − open cost = cash received − cash paid.
        const gap = position.realised.minus(position.openCost).plus(cash);
        expect(gap.abs().lte(CLOSE)).toBe(true);
        if (net.eq(0)) expect(position.openCost.eq(0)).toBe(true);
      }),
    );
  });

  it('realises against the average price, and opens the rest at the fill price past flat', () => {
    const positions = new Positions();
    positions.fill('ETH-USD', 'buy', decimal('2'), decimal('100'), MORNING);
    positions.fill('ETH-USD', 'buy', decimal('2'), decimal('110'), MORNING + 1);
    positions.fill('ETH-USD', 'sell', decimal('5'), decimal('120'), MORNING + 2);
    const position = positions.of('ETH-USD');
    // 4 closed at an average of 105: 4 × 15 realised; 1 short opened at 120.
    expect(position.realised.toString()).toBe('60');
    expect(position.net.toString()).toBe('-1');
    expect(position.openCost.toString()).toBe('-120');
  });

  it('starts the day figures afresh on a later UTC day, and keeps the position', () => {
    const positions = new Positions();
    positions.fill('BTC-USD', 'buy', decimal('1'), decimal('100'), MORNING);
    positions.fill('BTC-USD', 'sell', decimal('0.5'), decimal('104'), MORNING + 1);
    expect(positions.of('BTC-USD').realised.toString()).toBe('2');
    const tomorrow = MORNING + DAY;
    const read = positions.of('BTC-USD', tomorrow);
    expect(read).toMatchObject({ day: utcDay(tomorrow) });
    expect([read.net, read.realised, read.traded].map(String)).toEqual(['0.5', '0', '0']);
    positions.fill('BTC-USD', 'sell', decimal('0.5'), decimal('98'), tomorrow);
    const next = positions.of('BTC-USD', tomorrow);
    expect([next.net, next.realised, next.traded].map(String)).toEqual(['0', '-1', '49']);
    // A late fill timed on the earlier day counts in the current one.
    positions.fill('BTC-USD', 'buy', decimal('1'), decimal('100'), MORNING + 2);
    expect(positions.of('BTC-USD').day).toBe(utcDay(tomorrow));
  });

  it('reads a position on a later day as one object until a fill or the next day', () => {
    const positions = new Positions();
    positions.fill('BTC-USD', 'buy', decimal('1'), decimal('100'), MORNING);
    const tomorrow = MORNING + DAY;
    const first = positions.of('BTC-USD', tomorrow);
    expect(positions.of('BTC-USD', tomorrow + 1)).toBe(first);
    const dayAfter = positions.of('BTC-USD', tomorrow + DAY);
    expect(dayAfter).not.toBe(first);
    expect(dayAfter.day).toBe(utcDay(tomorrow + DAY));
    expect(positions.of('BTC-USD', tomorrow + DAY + 1)).toBe(dayAfter);
    positions.fill('BTC-USD', 'buy', decimal('1'), decimal('100'), MORNING + 1);
    const afterFill = positions.of('BTC-USD', tomorrow);
    expect(afterFill).not.toBe(first);
    expect([afterFill.net, afterFill.traded, afterFill.day].map(String)).toEqual([
      '2',
      '0',
      utcDay(tomorrow),
    ]);
  });

  it('comes back from its JSON as it was, and names the field of JSON that is not its own', () => {
    fc.assert(
      fc.property(fc.array(fillArb, { maxLength: 30 }), (fills) => {
        const positions = new Positions();
        fills.forEach(({ side, qty, px }, i) => {
          positions.fill(
            i % 2 === 0 ? 'BTC-USD' : 'ETH-USD',
            side,
            qty,
            px,
            MORNING + i * 3_600_000,
          );
        });
        const again = Positions.fromJSON(positions.toJSON());
        expect(again.toJSON()).toEqual(positions.toJSON());
      }),
    );
    expect(() => Positions.fromJSON({ 'BTC-USD': { net: 1 } })).toThrow('positions.BTC-USD.day');
    expect(() =>
      Positions.fromJSON({
        'BTC-USD': { net: 'x', openCost: '0', realised: '0', traded: '0', day: '' },
      }),
    ).toThrow('positions.BTC-USD.net');
  });
});
