import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { type RunningGateway, startGateway } from '../../src/gateway/start-gateway.js';
import { type RunningServer, startServer } from '../../src/server/start-server.js';
import { pgReachable, usePgSchemas } from '../journal/backends.js';
import { fakeEngine, openIntake } from '../server/fake-engine.js';
import { followEvents } from '../server/sse-client.js';
import { leaseRows } from './lease-rows.js';

/** The gateway in front of a real exo server (a fake engine behind the real HTTP API). */
describe.skipIf(!pgReachable)('exo gateway in front of exo itself', () => {
  const freshUrl = usePgSchemas();
  const stops: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const stop of stops.splice(0).reverse()) await stop();
  });

  it('places an order once for a repeated Idempotency-Key, lists it, streams it, shows and cancels it', async () => {
    const { url } = freshUrl();
    const rows = await leaseRows(url, 1);
    stops.push(() => rows.close());
    const { engine } = fakeEngine();
    const owner: RunningServer = await startServer(engine, pino({ level: 'silent' }), {
      host: '127.0.0.1',
      port: 0,
    });
    stops.push(() => owner.close());
    await openIntake(engine);
    await rows.set(0, { owner: 'w0', epoch: 1, address: owner.url });
    const gateway: RunningGateway = await startGateway(
      { journal: url, host: '127.0.0.1', port: 0, refreshMs: 50 },
      pino({ level: 'silent' }),
    );
    stops.push(() => gateway.close());
    const events = await followEvents(`${gateway.url}/v1/events`);
    expect(await events.next()).toMatchObject({
      event: 'hello',
      data: { symbols: ['BTC-USD', 'ETH-USD', 'SOL-USD'], shards: [{ shard: 0, owner: 'w0' }] },
    });

    const place = () =>
      fetch(`${gateway.url}/v1/orders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': 'once' },
        body: JSON.stringify({ side: 'buy', symbol: 'BTC-USD', quantity: '1', algo: 'take' }),
      });
    const first = await place();
    expect(first.status).toBe(201);
    const order = (await first.json()) as { orderId: string };
    expect(order.orderId).toMatch(/^exo-/);
    const again = await place();
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(((await again.json()) as { orderId: string }).orderId).toBe(order.orderId);

    const accepted = await events.until((e) => e.event === 'accepted');
    expect(accepted.at(-1)!.data).toMatchObject({ shard: 0, orderId: order.orderId });
    events.close();

    // The API document is the owner's: exo's API, as client generators expect it.
    const doc = await fetch(`${gateway.url}/openapi.json`);
    expect(doc.status).toBe(200);
    const owners = (await (await fetch(`${owner.url}/openapi.json`)).json()) as object;
    expect(await doc.json()).toEqual(owners);
    expect(owners).toHaveProperty(['paths', '/v1/orders']);

    const list = await fetch(`${gateway.url}/v1/orders`);
    expect(((await list.json()) as { orderId: string }[]).map((o) => o.orderId)).toEqual([
      order.orderId,
    ]);
    const shown = await fetch(`${gateway.url}/v1/orders/${order.orderId}`);
    expect(shown.status).toBe(200);
    expect(await shown.json()).toMatchObject({ orderId: order.orderId, children: [] });
    const cancel = await fetch(`${gateway.url}/v1/orders/${order.orderId}`, { method: 'DELETE' });
    expect(cancel.status).toBe(202);
    const trading = (await (await fetch(`${gateway.url}/v1/trading`)).json()) as {
      shards: { shard: number; status: number }[];
    };
    expect(trading.shards).toMatchObject([{ shard: 0, status: 200 }]);
    const refused = await fetch(`${gateway.url}/v1/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ side: 'buy', symbol: 'BTC-USD', quantity: '-1', algo: 'take' }),
    });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: 'invalid_request' });
  });
});
