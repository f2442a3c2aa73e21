import { describe, expect, it } from 'vitest';
import { parseOrders } from '../../src/replay/orders-file.js';
import { CONTEXT, FROM_US, orderJson, TO_US } from './orders-fixtures.js';

const FILE = 'orders.json';

function parse(document: unknown): ReturnType<typeof parseOrders> {
  return parseOrders(JSON.stringify(document, null, 2), FILE, CONTEXT);
}

function problem(document: unknown): string {
  try {
    parse(document);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the orders to be refused');
}

describe('orders.json', () => {
  it('reads an array or {orders}, offsets and ISO times, amends and a cancel', () => {
    const order = orderJson({
      limitPrice: '70000',
      amend: [
        { at: '1m', quantity: '0.75' },
        { at: '2026-12-06T10:01:30.000250Z', limitPrice: '70100' },
      ],
      cancelAt: '+90.5s',
    });
    const [read] = parse({ orders: [order] });
    expect(read).toEqual({
      ref: 'orders[0]',
      symbol: 'BTC-USD',
      side: 'buy',
      quantity: '0.5',
      limitPrice: '70000',
      algo: 'twap',
      params: { durationMs: 30_000 },
      startUs: FROM_US + 30_000_000,
      amends: [
        { atUs: FROM_US + 60_000_000, quantity: '0.75' },
        { atUs: FROM_US + 90_000_250, limitPrice: '70100' },
      ],
      cancelAtUs: FROM_US + 90_500_000,
    });
    expect(parse([order])).toEqual([read]);
  });

  it('names an order by its id when given, and takes no params as none', () => {
    const [read] = parse([orderJson({ id: 'mine', algo: 'take', params: undefined })]);
    expect(read?.ref).toBe('mine');
    expect(read?.params).toEqual({});
    expect(read?.amends).toEqual([]);
  });

  it('locates a JSON syntax error by line and column', () => {
    const text = '[\n  {"symbol": "BTC-USD",}\n]';
    expect(() => parseOrders(text, FILE, CONTEXT)).toThrow(
      'orders.json:2:24: not valid JSON: expected a string, found "}"',
    );
    expect(() => parseOrders('[\n{', FILE, CONTEXT)).toThrow(
      'orders.json:2:2: not valid JSON: expected a string, found the end of the text',
    );
  });

  it.each([
    [{ quantity: '0' }, 'orders[0].quantity: expected a positive decimal, got "0"'],
    [{ quantity: 0.5 }, 'orders[0].quantity: expected a decimal string, got number'],
    [{ quantity: '-1' }, 'orders[0].quantity: expected a positive decimal'],
    [{ limitPrice: 'abc' }, 'orders[0].limitPrice: expected a decimal string'],
    [{ side: 'long' }, 'orders[0].side: expected one of buy, sell'],
    [{ algo: 'vwap' }, 'orders[0].algo: unknown algorithm "vwap" (known: take, peg, twap)'],
    [{ symbol: 'SOL-USD' }, 'orders[0].symbol: "SOL-USD" is not in the recording'],
    [{ symbol: undefined }, 'orders[0].symbol: expected a symbol'],
    [{ start: '+11m' }, 'orders[0].start: 2026-12-06T10:11:00.000000Z is outside the recording'],
    [{ start: '2026-12-06T09:59:59Z' }, 'orders[0].start: 2026-12-06T09:59:59.000000Z is outside'],
    [{ start: 'soon' }, 'orders[0].start: expected an ISO time with its zone'],
    [{ start: '2026-12-06T10:00:00' }, 'orders[0].start: expected an ISO time'],
    [{ start: '2026-11-31T10:00:00Z' }, 'orders[0].start: expected an ISO time'],
    [{ start: '+1.0000001s' }, 'orders[0].start: expected an ISO time'],
    [{ start: '2026-12-06T24:00:00+01:00' }, 'orders[0].start: expected an ISO time'],
    [
      { amend: [{ at: '+10s', quantity: '1' }] },
      'orders[0].amend[0].at: 2026-12-06T10:00:10.000000Z is before the order starts',
    ],
    [
      { amend: [{ at: '+40s' }] },
      'orders[0].amend[0].quantity: an amend changes quantity, limitPrice or both',
    ],
    [
      {
        amend: [
          { at: '+50s', quantity: '1' },
          { at: '+40s', quantity: '2' },
        ],
      },
      'orders[0].amend[1].at: 2026-12-06T10:00:40.000000Z is before the amend above it',
    ],
    [
      { amend: [{ at: '+50s', quantity: '1' }], cancelAt: '+45s' },
      'orders[0].amend[0].at: 2026-12-06T10:00:50.000000Z is after the order is cancelled',
    ],
    [{ amend: [{ at: '+50s', qty: '1' }] }, 'orders[0].amend[0].qty: unknown field'],
    [
      { cancelAt: '+20s' },
      'orders[0].cancelAt: 2026-12-06T10:00:20.000000Z is before the order starts',
    ],
    [
      { cancelAt: '+20m' },
      'orders[0].cancelAt: 2026-12-06T10:20:00.000000Z is outside the recording',
    ],
    [{ params: { durationMs: -5 } }, 'orders[0].params.durationMs: twap expects an integer from 1'],
    [{ params: { speed: 1 } }, 'orders[0].params.speed: twap has no such parameter'],
    [{ params: [1] }, 'orders[0].params: expected an object, got array'],
    [{ limit: '1' }, 'orders[0].limit: unknown field'],
  ])('refuses %j naming the field', (changes, expected) => {
    expect(problem([orderJson(changes)])).toContain(`orders.json: ${expected}`);
  });

  it('refuses a document of another shape, and a repeated id', () => {
    expect(problem({ order: [] })).toBe('orders.json: order: unknown field (expected only orders)');
    expect(problem({ orders: 1 })).toBe('orders.json: orders: expected an array of orders');
    expect(problem('x')).toBe('orders.json: expected an array of orders, or {"orders": [...]}');
    expect(problem([42])).toBe('orders.json: orders[0]: expected an object, got number');
    expect(problem([orderJson({ id: 'a' }), orderJson({ id: 'a' })])).toBe(
      'orders.json: orders[1].id: "a" is used twice',
    );
  });

  it('reads a zoned time as the instant it names', () => {
    const [read] = parse([orderJson({ start: '2026-12-06T11:00:30.5+01:00' })]);
    expect(read?.startUs).toBe(FROM_US + 30_500_000);
  });

  it('takes times at the recording edges', () => {
    const [read] = parse([orderJson({ start: '0s', cancelAt: '10m' })]);
    expect([read?.startUs, read?.cancelAtUs]).toEqual([FROM_US, TO_US]);
  });
});
