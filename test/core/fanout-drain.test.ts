import { describe, expect, it } from 'vitest';
import { newOrder, quote, report, settle, setup, trade } from './helpers.js';

describe('one drain, one pass', () => {
  it("hands an idle order its symbol's quote and trades of one drain as one update", async () => {
    const { dispatcher, recordings } = setup();
    const order = dispatcher.submit(newOrder('BTC-USD'));
    await settle();
    dispatcher.quote(quote('BTC-USD', '100'));
    dispatcher.trade(trade('BTC-USD', '100', '1'));
    dispatcher.quote(quote('BTC-USD', '101'));
    dispatcher.trade(trade('BTC-USD', '102', '3'));
    await settle();
    const updates = recordings.get(order.orderId)!.updates;
    expect(updates).toHaveLength(2);
    expect(updates[1]!.quote!.bidPx.toString()).toBe('101');
    expect(updates[1]!.trade!.count).toBe(2);
    expect(updates[1]!.trade!.volume.toString()).toBe('4');
  });

  it('delivers a report that arrived before the drain ahead of, or with, the market data', async () => {
    const { dispatcher, recordings } = setup();
    const order = dispatcher.submit(newOrder('BTC-USD'));
    await settle();
    dispatcher.quote(quote('BTC-USD', '100'));
    dispatcher.report(report(order.orderId, 'filled 1'));
    await settle();
    const updates = recordings.get(order.orderId)!.updates.slice(1);
    const reportAt = updates.findIndex((u) => u.reports.length > 0);
    const quoteAt = updates.findIndex((u) => u.quote !== undefined);
    expect(reportAt).toBeGreaterThanOrEqual(0);
    expect(reportAt).toBeLessThanOrEqual(quoteAt);
    expect(updates.flatMap((u) => u.reports.map((r) => r.text))).toEqual(['filled 1']);
  });

  it('an order completing inside a drain makes none of its peers miss the tick', async () => {
    const { dispatcher, recordings } = setup();
    const orders = [0, 1, 2, 3].map(() => dispatcher.submit(newOrder('ETH-USD')));
    await settle();
    recordings.get(orders[0]!.orderId)!.completeOn = (u) => u.quote !== undefined;
    dispatcher.quote(quote('ETH-USD', '7'));
    await settle();
    expect(dispatcher.order(orders[0]!.orderId)).toBeUndefined();
    for (const order of orders) {
      const last = recordings.get(order.orderId)!.updates.at(-1)!;
      expect(last.quote?.bidPx.toString()).toBe('7');
    }
  });
});
