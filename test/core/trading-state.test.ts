import { describe, expect, it } from 'vitest';
import { Dispatcher } from '../../src/core/dispatcher.js';
import { mergeUpdates, PendingUpdate } from '../../src/core/update.js';
import type { Order } from '../../src/market/order.js';
import type { TradingState } from '../../src/market/trading-state.js';
import { gate, newOrder, recordingFactory, report, settle } from './helpers.js';

/** A dispatcher whose trading states are what the test sets in `states` (global under `*`). */
function setup() {
  const states = new Map<string, TradingState>();
  const { factory, recordings } = recordingFactory();
  const dispatcher = new Dispatcher<Order>({
    factory,
    tradingState: (symbol) => states.get(symbol) ?? states.get('*') ?? 'active',
  });
  return { dispatcher, recordings, states };
}

describe('trading states reach delegates', () => {
  it("an order's first update carries the state it starts under; later updates only when it changed", async () => {
    const { dispatcher, recordings, states } = setup();
    states.set('BTC-USD', 'reducing');
    const btc = dispatcher.submit(newOrder('BTC-USD'));
    const eth = dispatcher.submit(newOrder('ETH-USD'));
    await settle();
    expect(recordings.get(btc.orderId)!.updates[0]?.tradingState).toBe('reducing');
    expect(recordings.get(eth.orderId)!.updates[0]?.tradingState).toBe('active');
    dispatcher.report(report(btc.orderId, 'ack'));
    await settle();
    expect(recordings.get(btc.orderId)!.updates[1]?.tradingState).toBeUndefined();
  });

  it("a symbol's change reaches its orders only; a global change reaches every order, each with its own effective state", async () => {
    const { dispatcher, recordings, states } = setup();
    const btc = dispatcher.submit(newOrder('BTC-USD'));
    const eth = dispatcher.submit(newOrder('ETH-USD'));
    await settle();
    states.set('BTC-USD', 'halted');
    dispatcher.tradingStateChanged('BTC-USD');
    await settle();
    expect(recordings.get(btc.orderId)!.updates.at(-1)?.tradingState).toBe('halted');
    expect(recordings.get(eth.orderId)!.updates).toHaveLength(1);
    states.set('*', 'reducing');
    dispatcher.tradingStateChanged();
    await settle();
    expect(recordings.get(btc.orderId)!.updates.at(-1)?.tradingState).toBe('halted');
    expect(recordings.get(eth.orderId)!.updates.at(-1)?.tradingState).toBe('reducing');
  });

  it('a busy delegate gets the latest state, and every report that arrived meanwhile in order', async () => {
    const { dispatcher, recordings, states } = setup();
    const order = dispatcher.submit(newOrder('BTC-USD'));
    await settle();
    const recording = recordings.get(order.orderId)!;
    const held = gate();
    recording.block = held;
    dispatcher.report(report(order.orderId, 'first'));
    await settle();
    recording.block = undefined;
    states.set('BTC-USD', 'halted');
    dispatcher.tradingStateChanged('BTC-USD');
    dispatcher.report(report(order.orderId, 'second'));
    states.set('BTC-USD', 'active');
    dispatcher.tradingStateChanged('BTC-USD');
    dispatcher.report(report(order.orderId, 'third'));
    held.open();
    await settle();
    const last = recording.updates.at(-1)!;
    expect(last.tradingState).toBe('active');
    expect(last.reports.map((r) => r.text)).toEqual(['second', 'third']);
  });

  it('merging updates keeps the later state, or the earlier when the later has none', () => {
    const earlier = new PendingUpdate<Order>();
    earlier.tradingState = 'halted';
    const later = new PendingUpdate<Order>();
    expect(mergeUpdates(earlier, later).tradingState).toBe('halted');
    later.tradingState = 'active';
    expect(mergeUpdates(earlier, later).tradingState).toBe('active');
  });
});
