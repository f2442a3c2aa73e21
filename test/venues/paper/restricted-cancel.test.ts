import { describe, expect, it } from 'vitest';
import { child, harness } from './harness.js';

// A kill -9 trial against the local Binance overfilled a child (seed 2, 2026-12-07): exo's
// cancelReplace carried cancelRestrictions ONLY_NEW, the local Binance checked it against the
// status it had heard of, and a fill on its way from the matching landed between that check and
// the cancel, so a new order for the whole quantity went in beside the fill. The matching now
// checks the restriction itself as it takes the cancel.
describe('paper venue: a cancel restricted to an unfilled or a partly filled order', () => {
  it('refuses a cancel only-unfilled when a fill came while the cancel was on its way', () => {
    const h = harness(3);
    const order = child({ quantity: '1', limitPrice: '3499.00' });
    h.venue.submit(order);
    h.settle();
    h.venue.cancelRestricted(order.clOrdId, 'unfilled');
    h.clock.advance(1);
    h.trade('3499.00', '0.4');
    h.settle();
    expect(h.of(order.clOrdId).map((r) => `${r.execType} ${r.status}`)).toEqual([
      'new new',
      'trade partially_filled',
      'cancel_rejected partially_filled',
    ]);
    expect(h.of(order.clOrdId).at(-1)?.text).toBe('order is partially_filled');
  });

  it.each([
    ['an unfilled order only-unfilled, and refuses it only-partly-filled', '0', ['new']],
    [
      'a partly filled order only-partly-filled, and refuses it only-unfilled',
      '0.4',
      ['new', 'trade'],
    ],
  ] as const)('cancels %s', (_, printed, before) => {
    const h = harness(2);
    const order = child({ quantity: '1', limitPrice: '3499.00' });
    h.venue.submit(order);
    h.settle();
    if (printed !== '0') h.trade('3499.00', printed);
    h.venue.cancelRestricted(order.clOrdId, printed === '0' ? 'partly_filled' : 'unfilled');
    h.venue.cancelRestricted(order.clOrdId, printed === '0' ? 'unfilled' : 'partly_filled');
    h.settle();
    expect(h.of(order.clOrdId).map((r) => r.execType)).toEqual([
      ...before,
      'cancel_rejected',
      'canceled',
    ]);
  });
});
