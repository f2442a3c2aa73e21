import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/core/clock.js';
import { ScriptedMarket } from '../../../src/feeds/sim/index.js';
import { PaperVenue } from '../../../src/venues/paper/index.js';
import { child, harness } from './harness.js';

describe('paper venue latency', () => {
  it('processes a request one latency after it is sent and reports one latency after that', () => {
    const h = harness(5);
    h.quote('3500.00', '2', '3500.05', '1');
    const order = child({ quantity: '1', limitPrice: '3500.05' });
    h.venue.submit(order);
    expect(h.venue.inFlight).toBe(1);
    h.clock.advance(4);
    // The quote changes while the order is on its way: the venue matches what it finds on arrival.
    h.quote('3500.00', '2', '3500.05', '0.25');
    h.clock.advance(5);
    expect(h.reports).toEqual([]);
    h.clock.advance(1);
    expect(h.reports.map((r) => [r.execType, r.transactTime])).toEqual([
      ['new', 1_005],
      ['trade', 1_005],
    ]);
    expect(h.reports[1]!.lastQty?.eq('0.25')).toBe(true);
  });

  it('reports a fill from the market one latency after the print', () => {
    const h = harness(3);
    const order = child({ quantity: '1', limitPrice: '3499.00' });
    h.venue.submit(order);
    h.settle();
    const before = h.reports.length;
    h.trade('3499.00', '1');
    h.clock.advance(2);
    expect(h.reports.length).toBe(before);
    h.clock.advance(1);
    expect(h.reports.at(-1)).toMatchObject({ execType: 'trade', transactTime: 1_006 });
  });

  it('handles each child’s requests in the order sent', () => {
    const h = harness(2);
    const order = child({ quantity: '1', limitPrice: '3499.00' });
    h.venue.submit(order);
    h.venue.cancel(order.clOrdId);
    h.settle();
    expect(h.reports.map((r) => r.execType)).toEqual(['new', 'canceled']);
  });

  it('with no latency still answers later, not inside the call, and in order', () => {
    const h = harness(0);
    const orders = [child({ limitPrice: '3499.00' }), child({ limitPrice: '3499.00' })];
    for (const order of orders) h.venue.submit(order);
    h.venue.cancel(orders[0]!.clOrdId);
    expect(h.reports).toEqual([]);
    h.settle();
    expect(h.reports.map((r) => `${r.clOrdId} ${r.execType}`)).toEqual([
      `${orders[0]!.clOrdId} new`,
      `${orders[1]!.clOrdId} new`,
      `${orders[0]!.clOrdId} canceled`,
    ]);
  });

  it('drops what is in flight on close, cancels its timers and releases the market', async () => {
    const clock = new VirtualClock();
    const market = new ScriptedMarket();
    const venue = new PaperVenue({ market, clock, latencyMs: 2 });
    const reports: unknown[] = [];
    venue.onReport((r) => reports.push(r));
    venue.submit(child({ limitPrice: '3499.00' }));
    clock.advance(2);
    expect(market.watchers('ETH-USD')).toBe(1);
    venue.submit(child({ limitPrice: '3499.00' }));
    expect(clock.pending).toBe(2);
    await venue.close();
    expect(clock.pending).toBe(0);
    expect(market.watchers('ETH-USD')).toBe(0);
    venue.submit(child());
    clock.advance(100);
    expect(reports).toEqual([]);
  });

  it('refuses a negative latency', () => {
    expect(
      () =>
        new PaperVenue({ market: new ScriptedMarket(), clock: new VirtualClock(), latencyMs: -1 }),
    ).toThrow(/latencyMs/);
  });
});
