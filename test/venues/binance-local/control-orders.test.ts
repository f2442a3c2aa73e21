import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalBinance, signedRest, startLocalBinance } from './local-binance.js';

/** A resting buy far below the market, under a given client ID. */
const resting = (clientOrderId: string) => ({
  symbol: 'BTCUSDT',
  side: 'BUY',
  type: 'LIMIT',
  timeInForce: 'GTC',
  quantity: '0.002',
  price: '40000.00',
  newClientOrderId: clientOrderId,
});

/** GET /control/orders' list. */
async function controlOrders(server: LocalBinance): Promise<Record<string, unknown>[]> {
  const response = await fetch(`${server.url}/control/orders`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { orders: Record<string, unknown>[] }).orders;
}

describe('the local Binance GET /control/orders', () => {
  let server: LocalBinance;
  beforeAll(async () => {
    server = await startLocalBinance();
  });
  afterAll(async () => server?.stop());

  it('lists every order with every client ID it carried, though a cancel renamed it', async () => {
    const placed = await signedRest(server.url, 'POST', '/api/v3/order', resting('ctl-a-1'));
    expect(placed.status).toBe(200);
    const amended = await signedRest(server.url, 'PUT', '/api/v3/order/amend/keepPriority', {
      symbol: 'BTCUSDT',
      origClientOrderId: 'ctl-a-1',
      newClientOrderId: 'ctl-a-2',
      newQty: '0.001',
    });
    expect(amended.status).toBe(200);
    const cancelled = await signedRest(server.url, 'DELETE', '/api/v3/order', {
      symbol: 'BTCUSDT',
      origClientOrderId: 'ctl-a-2',
    });
    expect(cancelled.status).toBe(200);
    const orderId = placed.body.orderId as number;
    // Binance's own query shows only the cancel's (random) ID now.
    const status = await signedRest(server.url, 'GET', '/api/v3/order', {
      symbol: 'BTCUSDT',
      orderId,
    });
    expect(status.body.clientOrderId).toBe(cancelled.body.clientOrderId);
    const listed = (await controlOrders(server)).find((order) => order.orderId === orderId);
    expect(listed).toEqual({
      symbol: 'BTCUSDT',
      orderId,
      clientOrderIds: ['ctl-a-1', 'ctl-a-2', cancelled.body.clientOrderId],
      status: 'CANCELED',
      origQty: '0.001',
      executedQty: '0',
    });
  });
});
