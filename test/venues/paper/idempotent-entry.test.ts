import { describe, expect, it } from 'vitest';
import { decimal } from '../../../src/market/decimal.js';
import { child, gist, harness } from './harness.js';

describe('paper venue entry is idempotent by clOrdId', () => {
  it('answers an identical resubmission with the order status instead of a second order', () => {
    const h = harness();
    h.quote('3499.00', '5', '3500.00', '0.4');
    const order = child({ quantity: '1', limitPrice: '3500.00' });
    h.venue.submit(order);
    h.settle();
    h.venue.submit({ ...order, quantity: decimal('1.000'), limitPrice: decimal('3500') });
    h.settle();

    expect(h.of(order.clOrdId).map(gist)).toEqual([
      'new new cum=0 leaves=1',
      'trade partially_filled 0.4@3500 cum=0.4 leaves=0.6 avg=3500',
      'status partially_filled cum=0.4 leaves=0.6 avg=3500',
    ]);
    const [ack, , status] = h.of(order.clOrdId);
    expect(status!.venueOrderId).toBe(ack!.venueOrderId);
    expect(status!.execId).not.toBe(ack!.execId);
    expect(h.venue.ledger().orders).toHaveLength(1);
    expect(h.venue.ledger().fills).toHaveLength(1);
  });

  it('restates a terminal order, and a resubmission after a replace still matches the first terms', () => {
    const h = harness();
    const order = child({ quantity: '1', limitPrice: '3400.00' });
    h.venue.submit(order);
    h.venue.replace({ clOrdId: order.clOrdId, quantity: decimal('2') });
    h.venue.submit(order);
    h.venue.cancel(order.clOrdId);
    h.venue.submit(order);
    h.settle();
    expect(h.of(order.clOrdId).map(gist)).toEqual([
      'new new cum=0 leaves=1',
      'replaced new cum=0 leaves=2',
      'status new cum=0 leaves=2',
      'canceled canceled cum=0 leaves=0',
      'status canceled cum=0 leaves=0',
    ]);
    expect(h.venue.ledger().orders).toHaveLength(1);
  });

  it.each([
    ['another quantity', { quantity: '2' }],
    ['another limit', { limitPrice: '3400.01' }],
    ['a market order', { limitPrice: null }],
    ['another side', { side: 'sell' as const }],
    ['another time in force', { timeInForce: 'ioc' as const }],
    ['another parent', { parentId: 'P2' }],
  ])('rejects a resubmission with %s and leaves the first order working', (_, change) => {
    const h = harness();
    const order = child({ quantity: '1', limitPrice: '3400.00' });
    const conflicting = child({ quantity: '1', limitPrice: '3400.00', ...change });
    h.venue.submit(order);
    h.venue.submit({ ...conflicting, clOrdId: order.clOrdId });
    h.settle();
    const [ack, reject] = h.of(order.clOrdId);
    expect(reject).toMatchObject({
      execType: 'rejected',
      status: 'rejected',
      text: `duplicate clOrdId ${JSON.stringify(order.clOrdId)}`,
    });
    expect(reject!.venueOrderId).not.toBe(ack!.venueOrderId);
    expect(h.venue.ledger().orders.map((o) => o.status)).toEqual(['new', 'rejected']);
  });
});
