import { describe, expect, it } from 'vitest';
import { followEvents } from '../server/sse-client.js';
import { call, startTestService } from './service.js';

describe('graceful shutdown', () => {
  it('with orders working: intake stops, every delegate cleans up, streams end, orders stay as they were', async () => {
    const service = await startTestService();
    const resting = await call(service, 'POST', '/v1/orders', {
      side: 'buy',
      symbol: 'BTC-USD',
      quantity: '1',
      limitPrice: '1000',
      algo: 'peg',
    });
    const slicing = await call(service, 'POST', '/v1/orders', {
      side: 'sell',
      symbol: 'ETH-USD',
      quantity: '5',
      algo: 'twap',
      params: { durationMs: 60_000, slices: 60 },
    });
    expect([resting.status, slicing.status]).toEqual([201, 201]);
    const events = await followEvents(`${service.url}/v1/events`);
    await events.next();

    await service.close();

    expect(service.engine.cleanedUp).toBe(2);
    expect(service.engine.dispatcher.size).toBe(2);
    for (const { body } of [resting, slicing]) {
      const status = service.engine.store.get(body.orderId as string)?.status;
      expect(status === 'new' || status === 'partially_filled').toBe(true);
    }
    // Events already on their way may still arrive; then the stream ends.
    const drain = async (): Promise<never> => {
      for (;;) await events.next();
    };
    await expect(drain()).rejects.toThrow();
    await expect(fetch(`${service.url}/healthz`)).rejects.toThrow();
    expect(() =>
      service.engine.intake.prepareNew({
        side: 'buy',
        symbol: 'BTC-USD',
        quantity: service.engine.store.get(resting.body.orderId as string)!.quantity,
        algo: 'take',
        params: {},
      }),
    ).toThrow(/stopping/);
    await service.close();
  });
});
