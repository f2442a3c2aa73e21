import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MemoryOrderStore } from '../../src/engine/memory-order-store.js';
import { decimal } from '../../src/market/decimal.js';
import { isTerminal, ORD_STATUSES, type OrdStatus } from '../../src/market/ord-status.js';
import type { OrderEvent } from '../../src/orders/order-event.js';
import type { ParentSnapshot } from '../../src/orders/order-snapshot.js';
import { type ParentView, viewOf } from '../../src/orders/parent-view.js';

function snapshot(orderId: string, status: OrdStatus, time = 0): ParentSnapshot {
  return {
    orderId,
    side: 'buy',
    symbol: 'BTC-USD',
    quantity: decimal('1'),
    algo: 'take',
    params: {},
    status,
    cumQty: decimal('0'),
    leavesQty: decimal('1'),
    children: [],
    fills: [],
    createdAt: time,
    updatedAt: time,
  };
}

function view(orderId: string, status: OrdStatus, time = 0): ParentView {
  return viewOf(snapshot(orderId, status, time));
}

function event(orderId: string, status: OrdStatus, time = 0): OrderEvent {
  return isTerminal(status)
    ? { kind: 'done', orderId, time, status }
    : { kind: 'accepted', orderId, time };
}

/** A record call: which of a few orders, in which status. */
const recordArb = fc.record({
  order: fc.integer({ min: 0, max: 7 }),
  status: fc.constantFrom(...ORD_STATUSES),
});

describe('MemoryOrderStore', () => {
  it('keeps each order latest state and its whole history in order', () => {
    const store = new MemoryOrderStore();
    store.record(event('a', 'new', 1), view('a', 'new', 1));
    store.record({ kind: 'cancel_requested', orderId: 'a', time: 2 }, view('a', 'new', 2));
    store.record(event('a', 'canceled', 3), view('a', 'canceled', 3));
    expect(store.get('a')?.status).toBe('canceled');
    expect(store.history('a').map((e) => e.kind)).toEqual(['accepted', 'cancel_requested', 'done']);
    expect(store.get('b')).toBeUndefined();
    expect(store.history('b')).toEqual([]);
  });

  it('builds a snapshot only when asked for one, once per recorded change', () => {
    const store = new MemoryOrderStore();
    let built = 0;
    const counted = (status: OrdStatus, time: number): ParentView => ({
      orderId: 'a',
      side: 'buy',
      symbol: snapshot('a', status, time).symbol,
      status,
      snapshot: () => {
        built++;
        return snapshot('a', status, time);
      },
    });
    store.record(event('a', 'new', 1), counted('new', 1));
    store.record({ kind: 'cancel_requested', orderId: 'a', time: 2 }, counted('pending_cancel', 2));
    expect(built).toBe(0);
    expect(store.countByStatus().get('pending_cancel')).toBe(1);
    expect(store.get('a')?.updatedAt).toBe(2);
    expect(store.list({ statuses: ['pending_cancel'] })).toHaveLength(1);
    expect(built).toBe(1);
    store.record(event('a', 'canceled', 3), counted('canceled', 3));
    expect(store.list({ statuses: ['new'] })).toEqual([]);
    expect(built).toBe(1);
    expect(store.get('a')?.status).toBe('canceled');
    expect(built).toBe(2);
  });

  it('lists newest first, by status, within the limit', () => {
    const store = new MemoryOrderStore();
    for (const [id, status] of [
      ['a', 'filled'],
      ['b', 'new'],
      ['c', 'filled'],
    ] as const) {
      store.record(event(id, status), view(id, status));
    }
    expect(store.list().map((o) => o.orderId)).toEqual(['c', 'b', 'a']);
    expect(store.list({ statuses: ['filled'] }).map((o) => o.orderId)).toEqual(['c', 'a']);
    expect(store.list({ limit: 1 }).map((o) => o.orderId)).toEqual(['c']);
  });

  it('pages newest first: each page says where the next starts, the last says nothing', () => {
    const store = new MemoryOrderStore();
    for (const id of ['a', 'b', 'c', 'd', 'e']) store.record(event(id, 'new'), view(id, 'new'));
    const ids = (page: { orders: ParentSnapshot[] }) => page.orders.map((o) => o.orderId);
    const first = store.page({ limit: 2 });
    expect(ids(first)).toEqual(['e', 'd']);
    const second = store.page({ limit: 2, before: first.next! });
    expect(ids(second)).toEqual(['c', 'b']);
    const third = store.page({ limit: 2, before: second.next! });
    expect(ids(third)).toEqual(['a']);
    expect(third.next).toBeUndefined();
    expect(store.page({ limit: 5 }).next).toBeUndefined();
  });

  it('keeps a page position valid when the order it ended on is forgotten', () => {
    const store = new MemoryOrderStore({ retainFinished: 1 });
    for (const id of ['a', 'b', 'c']) store.record(event(id, 'new'), view(id, 'new'));
    const first = store.page({ limit: 1 });
    expect(first.orders.map((o) => o.orderId)).toEqual(['c']);
    store.record(event('c', 'filled'), view('c', 'filled'));
    store.record(event('a', 'filled'), view('a', 'filled'));
    expect(store.get('c')).toBeUndefined();
    expect(store.page({ before: first.next! }).orders.map((o) => o.orderId)).toEqual(['b', 'a']);
  });

  it('counts by status exactly as the latest states say, whatever the sequence of records', () => {
    fc.assert(
      fc.property(fc.array(recordArb, { maxLength: 60 }), (records) => {
        const store = new MemoryOrderStore();
        const latest = new Map<string, OrdStatus>();
        for (const { order, status } of records) {
          store.record(event(`o${order}`, status), view(`o${order}`, status));
          latest.set(`o${order}`, status);
        }
        for (const status of ORD_STATUSES) {
          const expected = [...latest.values()].filter((s) => s === status).length;
          expect(store.countByStatus().get(status) ?? 0).toBe(expected);
          expect(store.list({ statuses: [status], limit: 1000 })).toHaveLength(expected);
        }
      }),
    );
  });

  it('forgets the oldest finished orders beyond its bound, never a live one', () => {
    fc.assert(
      fc.property(
        fc.array(fc.boolean(), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 0, max: 5 }),
        (finishes, retain) => {
          const store = new MemoryOrderStore({ retainFinished: retain });
          finishes.forEach((finished, at) => {
            const status = finished ? 'filled' : 'new';
            store.record(event(`o${at}`, status), view(`o${at}`, status));
          });
          const finishedIds = finishes.flatMap((finished, at) => (finished ? [`o${at}`] : []));
          const kept = new Set(finishedIds.slice(Math.max(0, finishedIds.length - retain)));
          finishes.forEach((finished, at) => {
            const present = store.get(`o${at}`) !== undefined;
            expect(present).toBe(!finished || kept.has(`o${at}`));
          });
          expect(store.countByStatus().get('filled') ?? 0).toBe(kept.size);
        },
      ),
    );
  });
});
