import { describe, expect, it } from 'vitest';
import { child, harness } from './harness.js';

describe('paper venue validation', () => {
  it.each([
    ['an unknown symbol', { symbol: 'XRP-USD' }, 'unknown symbol "XRP-USD"'],
    ['a zero quantity', { quantity: '0' }, 'quantity must be positive, got 0'],
    ['a negative quantity', { quantity: '-1' }, 'quantity must be positive, got -1'],
    [
      'a quantity off the lot grid',
      { quantity: '1.0005' },
      'quantity 1.0005 is not a multiple of the lot size 0.001',
    ],
    ['a zero limit', { limitPrice: '0' }, 'limit price must be positive, got 0'],
    [
      'a limit off the tick grid',
      { limitPrice: '3500.001' },
      'limit price 3500.001 is not a multiple of the tick size 0.01',
    ],
    ['an unknown time in force', { timeInForce: 'gtd' as 'gtc' }, 'unknown time in force "gtd"'],
    ['an unknown side', { side: 'short' as 'buy' }, 'unknown side "short"'],
  ])('rejects %s with the reason', (_, fields, reason) => {
    const h = harness();
    const order = child(fields);
    h.venue.submit(order);
    h.settle();
    expect(h.reports).toHaveLength(1);
    expect(h.reports[0]).toMatchObject({
      orderId: 'P1',
      clOrdId: order.clOrdId,
      execType: 'rejected',
      status: 'rejected',
      text: reason,
    });
    expect(h.reports[0]!.leavesQty?.eq(0)).toBe(true);
    expect(h.venue.ledger().orders[0]).toMatchObject({ status: 'rejected', text: reason });
  });

  it('rejects a duplicate clOrdId and leaves the first order alone', () => {
    const h = harness();
    const first = child({ quantity: '1', limitPrice: '3499.00' });
    h.venue.submit(first);
    h.venue.submit({ ...first, quantity: first.quantity.times(2) });
    h.settle();
    const [ack, reject] = h.of(first.clOrdId);
    expect(ack).toMatchObject({ execType: 'new', status: 'new' });
    expect(reject).toMatchObject({
      execType: 'rejected',
      text: `duplicate clOrdId ${JSON.stringify(first.clOrdId)}`,
    });
    expect(reject!.venueOrderId).not.toBe(ack!.venueOrderId);
    h.venue.cancel(first.clOrdId);
    h.settle();
    expect(h.of(first.clOrdId).at(-1)).toMatchObject({
      execType: 'canceled',
      venueOrderId: ack!.venueOrderId,
    });
  });

  it('answers a cancel of a rejected order with the reason it cannot', () => {
    const h = harness();
    const order = child({ quantity: '0' });
    h.venue.submit(order);
    h.venue.cancel(order.clOrdId);
    h.settle();
    expect(h.of(order.clOrdId)[1]).toMatchObject({
      execType: 'cancel_rejected',
      status: 'rejected',
      text: 'order is already rejected',
    });
  });
});
