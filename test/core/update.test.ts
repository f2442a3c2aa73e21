import { describe, expect, it } from 'vitest';
import { mergeUpdates, PendingUpdate } from '../../src/core/update.js';
import type { Order } from '../../src/market/order.js';
import { quote, report, trade } from './helpers.js';

const order: Order = { orderId: 'A', side: 'buy', symbol: 'X', msgType: 'replace' };

describe('Update', () => {
  it('merges two updates keeping every instruction and report in order, the later quote and the aggregated trade', () => {
    const earlier = new PendingUpdate<Order>();
    earlier.addInstruction({ ...order, msgType: 'new' });
    earlier.addReport(report('A', 'one'));
    earlier.quote = quote('X', '1');
    earlier.addTrade(trade('X', '10', '1'));
    earlier.addWakeup(5);
    const later = new PendingUpdate<Order>();
    later.addInstruction(order);
    later.addReport(report('A', 'two'));
    later.quote = quote('X', '2');
    later.addTrade(trade('X', '20', '3'));
    later.addWakeup(3);
    const earlierTrade = earlier.trade;

    const merged = mergeUpdates(earlier, later);
    expect(merged.instructions.map((i) => i.msgType)).toEqual(['new', 'replace']);
    expect(merged.reports.map((r) => r.text)).toEqual(['one', 'two']);
    expect(merged.quote!.bidPx.toString()).toBe('2');
    expect(merged.trade!.volume.toString()).toBe('4');
    expect(merged.trade!.vwap.toString()).toBe('17.5');
    expect(merged.wakeups).toEqual([3, 5]);

    expect(earlier.instructions).toHaveLength(1);
    expect(earlier.trade).toBe(earlierTrade);
    expect(earlier.trade!.volume.toString()).toBe('1');
    expect(later.reports).toHaveLength(1);
  });

  it('keeps the earlier quote and trade when the later update has none', () => {
    const earlier = new PendingUpdate<Order>();
    earlier.quote = quote('X', '1');
    earlier.addTrade(trade('X', '10', '1'));
    const merged = mergeUpdates(earlier, new PendingUpdate<Order>());
    expect(merged.quote).toBe(earlier.quote);
    expect(merged.trade).toBe(earlier.trade);
  });

  it('a shared trade is never changed when an order aggregates it', () => {
    const shared = trade('X', '10', '1');
    const a = new PendingUpdate<Order>();
    const b = new PendingUpdate<Order>();
    a.addTrade(shared);
    b.addTrade(shared);
    a.addTrade(trade('X', '30', '1'));
    expect(a.trade!.vwap.toString()).toBe('20');
    expect(b.trade).toBe(shared);
    expect(shared.volume.toString()).toBe('1');
    expect(shared.vwap.toString()).toBe('10');
  });
});
