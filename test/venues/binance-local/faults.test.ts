import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  control,
  eventually,
  type LocalBinance,
  signedRest,
  startLocalBinance,
  wsApiClient,
} from './local-binance.js';

type Client = Awaited<ReturnType<typeof wsApiClient>>;

/** A resting buy far below the market, under a given client ID. */
const resting = (clientOrderId: string) => ({
  symbol: 'BTCUSDT',
  side: 'BUY',
  type: 'LIMIT',
  timeInForce: 'GTC',
  quantity: '0.001',
  price: '40000.00',
  newClientOrderId: clientOrderId,
});

const orderStatus = (server: LocalBinance, origClientOrderId: string) =>
  signedRest(server.url, 'GET', '/api/v3/order', { symbol: 'BTCUSDT', origClientOrderId });

describe('the local Binance fault switches', () => {
  let server: LocalBinance;
  beforeAll(async () => {
    server = await startLocalBinance();
  });
  afterAll(async () => server?.stop());

  async function subscribedClient(): Promise<Client> {
    const client = await wsApiClient(server.wsApi);
    expect((await client.call('userDataStream.subscribe.signature')).status).toBe(200);
    return client;
  }

  it('drops the reply to the next order.place: no answer, but the order is placed and reported', async () => {
    const client = await subscribedClient();
    await control(server.url, 'reply-fault', { method: 'order.place', fault: 'drop', count: 1 });
    const id = client.send('order.place', resting('drop-1'));
    await eventually(() => client.reports().some((r) => r.c === 'drop-1'));
    await expect(client.answer(id, 300)).rejects.toThrow();
    expect((await orderStatus(server, 'drop-1')).body.status).toBe('NEW');
    const next = await client.call('order.place', resting('drop-2'));
    expect(next.status).toBe(200);
    client.close();
  });

  it('delays a reply, and answers -1007 (executed, outcome unknown) when told to', async () => {
    const client = await wsApiClient(server.wsApi);
    await control(server.url, 'reply-fault', { method: 'time', fault: 'delay', delayMs: 400 });
    const sent = Date.now();
    expect((await client.call('time', {}, false)).status).toBe(200);
    expect(Date.now() - sent).toBeGreaterThanOrEqual(390);
    client.close();

    await control(server.url, 'reply-fault', { method: 'POST /api/v3/order', fault: 'timeout' });
    const timedOut = await signedRest(server.url, 'POST', '/api/v3/order', resting('timeout-1'));
    expect(timedOut.status).toBe(503);
    expect(timedOut.body).toEqual({
      code: -1007,
      msg: 'Timeout waiting for response from backend server. Send status unknown; execution status unknown.',
    });
    expect((await orderStatus(server, 'timeout-1')).body.status).toBe('NEW');
  });

  it('cuts a REST connection instead of answering, the request served', async () => {
    await control(server.url, 'reply-fault', { method: 'POST /api/v3/order', fault: 'drop' });
    await expect(
      signedRest(server.url, 'POST', '/api/v3/order', resting('cut-1')),
    ).rejects.toThrow();
    expect((await orderStatus(server, 'cut-1')).body.status).toBe('NEW');
  });

  it('sends each executionReport twice while told to', async () => {
    const client = await subscribedClient();
    await control(server.url, 'duplicate-reports', { on: true });
    await client.call('order.place', resting('twice-1'));
    await eventually(() => client.reports().filter((r) => r.c === 'twice-1').length === 2);
    const [first, second] = client.reports().filter((r) => r.c === 'twice-1');
    expect(second).toEqual(first);
    await control(server.url, 'duplicate-reports', { on: false });
    await client.call('order.place', resting('once-1'));
    await eventually(() => client.reports().some((r) => r.c === 'once-1'));
    await client.call('time', {}, false);
    expect(client.reports().filter((r) => r.c === 'once-1')).toHaveLength(1);
    client.close();
  });

  it('drops the user data stream: its connection cut, or the stream ended with eventStreamTerminated', async () => {
    const subscribed = await subscribedClient();
    const bystander = await wsApiClient(server.wsApi);
    expect(await control(server.url, 'drop-user-stream')).toEqual({ dropped: 1 });
    await subscribed.closed;
    expect((await bystander.call('time', {}, false)).status).toBe(200);

    const ended = await subscribedClient();
    await control(server.url, 'drop-user-stream', { mode: 'terminate' });
    await eventually(() =>
      ended.messages.some(
        (m) => (m.event as { e?: string } | undefined)?.e === 'eventStreamTerminated',
      ),
    );
    await ended.call('order.place', resting('after-end-1'));
    await bystander.call('time', {}, false);
    expect(ended.reports().some((r) => r.c === 'after-end-1')).toBe(false);
    ended.close();
    bystander.close();
  });

  it('announces serverShutdown on every WebSocket API connection, then closes them when told', async () => {
    const client = await wsApiClient(server.wsApi);
    const told = (await control(server.url, 'server-shutdown', { closeAfterMs: 200 })) as {
      told: number;
    };
    expect(told.told).toBeGreaterThanOrEqual(1);
    await eventually(() =>
      client.messages.some((m) => (m.event as { e?: string } | undefined)?.e === 'serverShutdown'),
    );
    await client.closed;
  });

  it('restarts with the book intact: connections cut, refused while down, orders still there after', async () => {
    const client = await subscribedClient();
    await client.call('order.place', resting('survivor-1'));
    await control(server.url, 'restart', { downMs: 500 });
    await client.closed;
    await expect(fetch(`${server.url}/api/v3/time`)).rejects.toThrow();
    let open: Awaited<ReturnType<typeof signedRest>> | undefined;
    const deadline = Date.now() + 5_000;
    while (open === undefined && Date.now() < deadline) {
      open = await signedRest(server.url, 'GET', '/api/v3/openOrders', { symbol: 'BTCUSDT' }).catch(
        () => undefined,
      );
      if (open === undefined) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(open).toBeDefined();
    const ids = (open!.body as unknown as { clientOrderId: string }[]).map((o) => o.clientOrderId);
    expect(ids).toContain('survivor-1');
    const again = await subscribedClient();
    expect(
      (await again.call('order.cancel', { symbol: 'BTCUSDT', origClientOrderId: 'survivor-1' }))
        .status,
    ).toBe(200);
    await eventually(() => again.reports().some((r) => r.C === 'survivor-1' && r.x === 'CANCELED'));
    again.close();
  });
});
