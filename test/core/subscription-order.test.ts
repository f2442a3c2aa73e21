import { describe, expect, it } from 'vitest';
import type { MarketDataSubscriber } from '../../src/core/market-data.js';
import { gate, newOrder, settle, setup } from './helpers.js';

describe('Dispatcher subscriptions', () => {
  it('an unsubscribe waits for a subscribe still in flight: calls and events keep the order they were made in', async () => {
    const calls: string[] = [];
    const late = gate();
    const subscriber: MarketDataSubscriber = {
      subscribe: (symbol) => {
        calls.push(`+${symbol}`);
        return calls.length === 1 ? late.promise : undefined;
      },
      unsubscribe: (symbol) => {
        calls.push(`-${symbol}`);
      },
    };
    const { dispatcher, recordings, errors } = setup({ marketData: subscriber });
    const events: string[] = [];
    dispatcher.on('subscribed', (symbol) => events.push(`+${symbol}`));
    dispatcher.on('unsubscribed', (symbol) => events.push(`-${symbol}`));

    const first = dispatcher.submit(newOrder('BTC-USD'));
    recordings.get(first.orderId)!.completeOn = () => true;
    await settle();
    expect(dispatcher.size).toBe(0);
    dispatcher.submit(newOrder('BTC-USD'));
    dispatcher.submit(newOrder('ETH-USD'));
    await settle();
    expect(calls).toEqual(['+BTC-USD', '+ETH-USD']);
    expect(events).toEqual(['+ETH-USD']);

    late.open();
    await settle();
    expect(calls).toEqual(['+BTC-USD', '+ETH-USD', '-BTC-USD', '+BTC-USD']);
    expect(events).toEqual(['+ETH-USD', '+BTC-USD', '-BTC-USD', '+BTC-USD']);
    expect(errors).toEqual([]);
  });

  it('stop() unsubscribes a symbol only after its subscribe settled, even a failed one', async () => {
    const calls: string[] = [];
    const late = gate();
    const subscriber: MarketDataSubscriber = {
      subscribe: async (symbol) => {
        calls.push(`+${symbol}`);
        await late.promise;
        throw new Error('venue said no');
      },
      unsubscribe: (symbol) => {
        calls.push(`-${symbol}`);
      },
    };
    const { dispatcher, errors } = setup({ marketData: subscriber });
    dispatcher.submit(newOrder('SOL-USD'));
    await settle();
    const stopped = dispatcher.stop();
    await settle();
    expect(calls).toEqual(['+SOL-USD']);

    late.open();
    await stopped;
    expect(calls).toEqual(['+SOL-USD', '-SOL-USD']);
    expect(errors).toEqual([
      expect.objectContaining({ source: 'subscription', symbol: 'SOL-USD' }),
    ]);
  });
});
