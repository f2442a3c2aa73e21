import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  eventually,
  type LocalBinance,
  startLocalBinance,
  touchAtLeast,
  wsApiClient,
} from './local-binance.js';

type Client = Awaited<ReturnType<typeof wsApiClient>>;

describe('the local Binance WebSocket API and user data stream', () => {
  let server: LocalBinance;
  let client: Client;
  beforeAll(async () => {
    server = await startLocalBinance();
    client = await wsApiClient(server.wsApi);
    const subscribed = await client.call('userDataStream.subscribe.signature');
    expect(subscribed).toMatchObject({ status: 200, result: { subscriptionId: 0 } });
  });
  afterAll(async () => {
    client?.close();
    await server?.stop();
  });

  const reportsOf = (clientOrderIds: string[]) =>
    client
      .reports()
      .filter((r) => clientOrderIds.includes(String(r.c)) || clientOrderIds.includes(String(r.C)));

  it('places a resting order: the answer, then NEW on the user data stream with its fields', async () => {
    const answer = await client.call('order.place', {
      symbol: 'ETHUSDT',
      side: 'BUY',
      type: 'LIMIT',
      timeInForce: 'GTC',
      quantity: '0.5',
      price: '3000.00',
      newClientOrderId: 'ws-rest-1',
    });
    expect(answer.status).toBe(200);
    expect(answer.result).toMatchObject({
      symbol: 'ETHUSDT',
      clientOrderId: 'ws-rest-1',
      status: 'NEW',
      origQty: '0.50000000',
      fills: [],
    });
    expect(answer.rateLimits?.map((l) => l.rateLimitType)).toEqual([
      'ORDERS',
      'ORDERS',
      'REQUEST_WEIGHT',
    ]);
    await eventually(() => reportsOf(['ws-rest-1']).length === 1);
    const [report] = reportsOf(['ws-rest-1']);
    expect(report).toMatchObject({
      e: 'executionReport',
      s: 'ETHUSDT',
      c: 'ws-rest-1',
      S: 'BUY',
      o: 'LIMIT',
      f: 'GTC',
      q: '0.50000000',
      p: '3000.00000000',
      C: '',
      x: 'NEW',
      X: 'NEW',
      r: 'NONE',
      i: answer.result!.orderId,
      l: '0.00000000',
      z: '0.00000000',
      t: -1,
      w: true,
    });
    const message = client.messages.find(
      (m) => (m.event as { c?: string } | undefined)?.c === 'ws-rest-1',
    );
    expect(message?.subscriptionId).toBe(0);
  });

  it('amends keeping priority: same order ID, lower quantity, a new client ID, REPLACED', async () => {
    const amended = await client.call('order.amend.keepPriority', {
      symbol: 'ETHUSDT',
      origClientOrderId: 'ws-rest-1',
      newQty: '0.3',
      newClientOrderId: 'ws-rest-1b',
    });
    expect(amended.status).toBe(200);
    const order = amended.result!.amendedOrder as Record<string, unknown>;
    expect(order).toMatchObject({
      origClientOrderId: 'ws-rest-1',
      clientOrderId: 'ws-rest-1b',
      qty: '0.30000000',
      status: 'NEW',
    });
    await eventually(() => reportsOf(['ws-rest-1b']).some((r) => r.x === 'REPLACED'));
    const replaced = reportsOf(['ws-rest-1b']).find((r) => r.x === 'REPLACED')!;
    expect(replaced).toMatchObject({ c: 'ws-rest-1b', C: 'ws-rest-1', q: '0.30000000', X: 'NEW' });
    const up = await client.call('order.amend.keepPriority', {
      symbol: 'ETHUSDT',
      origClientOrderId: 'ws-rest-1b',
      newQty: '0.4',
    });
    expect(up.error?.code).toBe(-2038);
    const status = await client.call('order.status', {
      symbol: 'ETHUSDT',
      origClientOrderId: 'ws-rest-1b',
    });
    expect(status.result).toMatchObject({ orderId: replaced.i, origQty: '0.30000000' });
  });

  it('cancel-replaces: the old order cancelled, a new one under a new client ID', async () => {
    const replace = {
      symbol: 'ETHUSDT',
      cancelReplaceMode: 'STOP_ON_FAILURE',
      cancelOrigClientOrderId: 'ws-rest-1b',
      side: 'BUY',
      type: 'LIMIT',
      timeInForce: 'GTC',
      quantity: '0.3',
      price: '3001.00',
    };
    const answer = await client.call('order.cancelReplace', {
      ...replace,
      newClientOrderId: 'ws-rest-2',
    });
    expect(answer.status).toBe(200);
    expect(answer.result).toMatchObject({
      cancelResult: 'SUCCESS',
      newOrderResult: 'SUCCESS',
      cancelResponse: { origClientOrderId: 'ws-rest-1b', status: 'CANCELED' },
      newOrderResponse: { clientOrderId: 'ws-rest-2', status: 'NEW', price: '3001.00000000' },
    });
    await eventually(() => reportsOf(['ws-rest-1b', 'ws-rest-2']).some((r) => r.x === 'CANCELED'));
    const cancelled = reportsOf(['ws-rest-1b']).find((r) => r.x === 'CANCELED')!;
    expect(cancelled).toMatchObject({ C: 'ws-rest-1b', X: 'CANCELED' });
    const open = await client.call('openOrders.status', { symbol: 'ETHUSDT' });
    expect(
      (open.result as unknown as { clientOrderId: string }[]).map((o) => o.clientOrderId),
    ).toEqual(['ws-rest-2']);
    const failed = await client.call('order.cancelReplace', replace);
    expect(failed.status).toBe(400);
    expect(failed.error).toEqual({
      code: -2022,
      msg: 'Order cancel-replace failed.',
      data: {
        cancelResult: 'FAILURE',
        newOrderResult: 'NOT_ATTEMPTED',
        cancelResponse: { code: -2011, msg: 'Unknown order sent.' },
        newOrderResponse: null,
      },
    });
  });

  it('cancel-replaces under cancelRestrictions only an order in that status: else -2022, nothing placed', async () => {
    const replace = {
      symbol: 'ETHUSDT',
      cancelReplaceMode: 'STOP_ON_FAILURE',
      cancelOrigClientOrderId: 'ws-rest-2',
      side: 'BUY',
      type: 'LIMIT',
      timeInForce: 'GTC',
      quantity: '0.3',
      price: '3002.00',
      newClientOrderId: 'ws-rest-3',
    };
    // ws-rest-2 rests unfilled (NEW): a cancel restricted to partly filled orders is refused.
    const refused = await client.call('order.cancelReplace', {
      ...replace,
      cancelRestrictions: 'ONLY_PARTIALLY_FILLED',
    });
    expect(refused.error).toEqual({
      code: -2022,
      msg: 'Order cancel-replace failed.',
      data: {
        cancelResult: 'FAILURE',
        newOrderResult: 'NOT_ATTEMPTED',
        cancelResponse: { code: -2011, msg: 'Order was not canceled due to cancel restrictions.' },
        newOrderResponse: null,
      },
    });
    const open = async () =>
      (
        (await client.call('openOrders.status', { symbol: 'ETHUSDT' })).result as unknown as {
          clientOrderId: string;
        }[]
      ).map((o) => o.clientOrderId);
    expect(await open()).toEqual(['ws-rest-2']);
    const bad = await client.call('order.cancelReplace', { ...replace, cancelRestrictions: 'X' });
    expect(bad.error?.code).toBe(-1130); // Binance's "Invalid data sent for a parameter."
    const replaced = await client.call('order.cancelReplace', {
      ...replace,
      cancelRestrictions: 'ONLY_NEW',
    });
    expect(replaced.result).toMatchObject({ cancelResult: 'SUCCESS', newOrderResult: 'SUCCESS' });
    expect(await open()).toEqual(['ws-rest-3']);
  });

  it('fills a marketable order: TRADE with trade ID t, l, L and z, FILLED, FULL answer fills', async () => {
    // The book is the touch only: a market order fills what it shows (all of it unless the touch
    // moved to less since it was read, then the rest expires).
    await touchAtLeast(server, 'SOLUSDT', 'SELL', 1);
    const answer = await client.call('order.place', {
      symbol: 'SOLUSDT',
      side: 'SELL',
      type: 'MARKET',
      quantity: '1',
      newClientOrderId: 'ws-market-1',
    });
    const result = answer.result as unknown as { status: string; executedQty: string };
    const filled = result.executedQty === '1.00000000';
    expect(Number(result.executedQty)).toBeGreaterThan(0);
    expect(result.status).toBe(filled ? 'FILLED' : 'EXPIRED');
    const fills = answer.result!.fills as unknown as {
      tradeId: number;
      price: string;
      qty: string;
    }[];
    await eventually(() => reportsOf(['ws-market-1']).some((r) => r.X === result.status));
    const trades = reportsOf(['ws-market-1']).filter((r) => r.x === 'TRADE');
    expect(trades.map((r) => [r.t, r.L, r.l])).toEqual(
      fills.map((f) => [f.tradeId, f.price, f.qty]),
    );
    expect(trades.at(-1)).toMatchObject({ z: result.executedQty, N: 'USDT', m: false });
    if (filled) expect(trades.at(-1)).toMatchObject({ X: 'FILLED' });
  });

  it('answers a malformed request and an unknown method with Binance errors, keeping the connection', async () => {
    client.socket.send('not json');
    await eventually(() => client.messages.some((m) => m.id === null));
    expect(client.messages.find((m) => m.id === null)).toMatchObject({
      status: 400,
      error: { code: -1135 },
    });
    const unknown = await client.call('order.teleport', {}, false);
    expect(unknown.error?.code).toBe(-1020);
    expect((await client.call('time', {}, false)).status).toBe(200);
  });
});
