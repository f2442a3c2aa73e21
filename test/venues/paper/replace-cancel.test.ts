import { describe, expect, it } from 'vitest';
import { decimal } from '../../../src/market/decimal.js';
import { child, ETH, gist, harness } from './harness.js';

describe('paper venue replace and cancel', () => {
  it('replaces a resting order up and down, keeping its identity', () => {
    const h = harness();
    h.quote('3500.00', '2', '3500.05', '1');
    const order = child({ quantity: '1', limitPrice: '3499.00' });
    h.venue.submit(order);
    h.venue.replace({ clOrdId: order.clOrdId, quantity: decimal('3') });
    h.venue.replace({
      clOrdId: order.clOrdId,
      quantity: decimal('0.5'),
      limitPrice: decimal('3498.50'),
    });
    h.settle();
    const reports = h.of(order.clOrdId);
    expect(reports.map(gist)).toEqual([
      'new new cum=0 leaves=1',
      'replaced new cum=0 leaves=3',
      'replaced new cum=0 leaves=0.5',
    ]);
    expect(new Set(reports.map((r) => r.venueOrderId)).size).toBe(1);
    expect(h.venue.ledger().orders[0]).toMatchObject({
      limitPrice: decimal('3498.50'),
      quantity: decimal('0.5'),
    });
    h.trade('3498.90', '5');
    h.trade('3498.50', '5');
    h.settle();
    expect(h.venue.ledger().fills.map((f) => `${f.qty.toFixed()}@${f.px.toFixed()}`)).toEqual([
      '0.5@3498.5',
    ]);
  });

  it('keeps time priority on a lower quantity at the same limit, and loses it on anything else', () => {
    const fillsAfterPrint = (change: { quantity?: string; limitPrice?: string }): string[] => {
      const h = harness();
      h.quote('3500.00', '2', '3500.05', '1');
      const first = child({ quantity: '1', limitPrice: '3499.00' });
      const second = child({ quantity: '1', limitPrice: '3499.00' });
      h.venue.submit(first);
      h.venue.submit(second);
      h.venue.replace({
        clOrdId: first.clOrdId,
        ...(change.quantity === undefined ? {} : { quantity: decimal(change.quantity) }),
        ...(change.limitPrice === undefined ? {} : { limitPrice: decimal(change.limitPrice) }),
      });
      h.settle();
      h.trade('3499.00', '0.5');
      h.settle();
      return h.venue.ledger().fills.map((f) => (f.clOrdId === first.clOrdId ? 'first' : 'second'));
    };
    expect(fillsAfterPrint({ quantity: '0.8' })).toEqual(['first']);
    expect(fillsAfterPrint({ quantity: '2' })).toEqual(['second']);
    expect(fillsAfterPrint({ limitPrice: '3498.99' })).toEqual(['second']);
  });

  it('matches a replace that makes the order marketable', () => {
    const h = harness();
    h.quote('3500.00', '2', '3500.05', '0.4');
    const order = child({ quantity: '1', limitPrice: '3499.00' });
    h.venue.submit(order);
    h.venue.replace({ clOrdId: order.clOrdId, limitPrice: decimal('3500.10') });
    h.settle();
    expect(h.of(order.clOrdId).map(gist)).toEqual([
      'new new cum=0 leaves=1',
      'replaced new cum=0 leaves=1',
      'trade partially_filled 0.4@3500.05 cum=0.4 leaves=0.6 avg=3500.05',
    ]);
  });

  it('refuses a replace to a quantity at or below what has filled, and the order carries on', () => {
    const h = harness();
    h.quote('3500.00', '2', '3500.05', '0.4');
    const order = child({ quantity: '1', limitPrice: '3500.05' });
    h.venue.submit(order);
    h.venue.replace({ clOrdId: order.clOrdId, quantity: decimal('0.4') });
    h.venue.replace({ clOrdId: order.clOrdId, quantity: decimal('0.3') });
    h.venue.replace({ clOrdId: order.clOrdId, quantity: decimal('1') });
    h.venue.replace({ clOrdId: order.clOrdId, quantity: decimal('2.0005') });
    h.venue.replace({ clOrdId: order.clOrdId, limitPrice: decimal('3500.051') });
    h.settle();
    const refusals = h.of(order.clOrdId).slice(2);
    expect(refusals.map((r) => [r.execType, r.status, r.text])).toEqual([
      ['replace_rejected', 'partially_filled', 'quantity 0.4 is not above the filled quantity 0.4'],
      ['replace_rejected', 'partially_filled', 'quantity 0.3 is not above the filled quantity 0.4'],
      ['replace_rejected', 'partially_filled', 'the replace changes nothing'],
      [
        'replace_rejected',
        'partially_filled',
        'quantity 2.0005 is not a multiple of the lot size 0.001',
      ],
      [
        'replace_rejected',
        'partially_filled',
        'limit price 3500.051 is not a multiple of the tick size 0.01',
      ],
    ]);
    expect(refusals.every((r) => r.leavesQty?.eq('0.6') && r.cumQty?.eq('0.4'))).toBe(true);
    h.trade('3500.00', '1');
    h.settle();
    expect(gist(h.of(order.clOrdId).at(-1)!)).toBe(
      'trade filled 0.6@3500.05 cum=1 leaves=0 avg=3500.05',
    );
  });

  it('acknowledges a cancel: nothing left working, what filled stands, the market released', () => {
    const h = harness();
    h.quote('3500.00', '2', '3500.05', '0.4');
    const order = child({ quantity: '1', limitPrice: '3500.05' });
    h.venue.submit(order);
    h.settle();
    expect(h.market.watchers(ETH)).toBe(1);
    h.venue.cancel(order.clOrdId);
    h.settle();
    const cancel = h.of(order.clOrdId).at(-1)!;
    expect(gist(cancel)).toBe('canceled canceled cum=0.4 leaves=0 avg=3500.05');
    expect(cancel.text).toBeUndefined();
    expect(h.market.watchers(ETH)).toBe(0);
    h.trade('3499.00', '5');
    h.settle();
    expect(h.venue.ledger().fills).toHaveLength(1);
  });

  it('refuses to cancel or replace an order it never saw, addressed to the parent the clOrdId names', () => {
    const h = harness();
    h.venue.cancel('ORD-7-3');
    h.venue.replace({ clOrdId: 'ORD-7-4', quantity: decimal('1') });
    h.settle();
    expect(h.reports).toEqual([
      expect.objectContaining({
        orderId: 'ORD-7',
        clOrdId: 'ORD-7-3',
        execType: 'cancel_rejected',
        status: 'rejected',
        text: 'unknown order "ORD-7-3"',
      }),
      expect.objectContaining({
        orderId: 'ORD-7',
        clOrdId: 'ORD-7-4',
        execType: 'replace_rejected',
        text: 'unknown order "ORD-7-4"',
      }),
    ]);
  });

  it('rejects a cancel that arrives after the fill cleanly, and the fill stands', () => {
    const h = harness(5);
    h.quote('3500.00', '2', '3500.05', '1');
    const order = child({ quantity: '1', limitPrice: '3499.00' });
    h.venue.submit(order);
    h.settle();
    // The cancel leaves exo at t; a print fills the order at t+1, before the cancel reaches the venue.
    h.venue.cancel(order.clOrdId);
    h.venue.replace({ clOrdId: order.clOrdId, quantity: decimal('2') });
    h.clock.advance(1);
    h.trade('3498.00', '3');
    h.settle();
    expect(
      h
        .of(order.clOrdId)
        .slice(1)
        .map((r) => [r.execType, r.status, r.text]),
    ).toEqual([
      ['trade', 'filled', undefined],
      ['cancel_rejected', 'filled', 'order is already filled'],
      ['replace_rejected', 'filled', 'order is already filled'],
    ]);
    const refusal = h.of(order.clOrdId)[2]!;
    expect(refusal.cumQty?.eq(1) && refusal.leavesQty?.eq(0) && refusal.avgPx?.eq('3499')).toBe(
      true,
    );
    expect(h.venue.ledger().orders[0]).toMatchObject({ status: 'filled' });
    expect(h.venue.ledger().fills).toHaveLength(1);
  });

  it('rejects a cancel of an order filled on arrival, sent right behind it', () => {
    const h = harness();
    h.quote('3500.00', '2', '3500.05', '1');
    const order = child({ quantity: '1', timeInForce: 'ioc' });
    h.venue.submit(order);
    h.venue.cancel(order.clOrdId);
    h.venue.cancel(order.clOrdId);
    h.settle();
    expect(h.of(order.clOrdId).map((r) => r.execType)).toEqual([
      'new',
      'trade',
      'cancel_rejected',
      'cancel_rejected',
    ]);
  });

  it('cancels an order before a print reaches it when the cancel arrives first', () => {
    const h = harness(5);
    const order = child({ quantity: '1', limitPrice: '3499.00' });
    h.venue.submit(order);
    h.settle();
    h.venue.cancel(order.clOrdId);
    h.clock.advance(5);
    h.trade('3498.00', '3');
    h.settle();
    expect(h.of(order.clOrdId).map((r) => r.execType)).toEqual(['new', 'canceled']);
    expect(h.venue.ledger().fills).toEqual([]);
  });
});
