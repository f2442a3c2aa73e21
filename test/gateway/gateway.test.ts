import { describe, expect, it } from 'vitest';
import { shardOf } from '../../src/shards/shard-of.js';
import { pgReachable } from '../journal/backends.js';
import { followEvents } from '../server/sse-client.js';
import { FakeOwner } from './fake-owner.js';
import { eventsFrom, symbolOf, until, useClusters } from './gateway-harness.js';

const TOKEN = 'gateway-test-token-0123456789';

describe.skipIf(!pgReachable)('exo gateway', () => {
  const cluster = useClusters();

  const order = (symbol: string) =>
    JSON.stringify({ side: 'buy', symbol, quantity: '1', algo: 'take' });

  it('sends a new order to the owner of its symbol, and an order ID to the owner its prefix names', async () => {
    const { call, owners } = await cluster(4);
    const symbol = symbolOf(2, 4);
    const placed = await call('/v1/orders?x=1', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'k-1' },
      body: order(symbol),
    });
    expect(placed.status).toBe(201);
    expect(placed.headers.get('idempotent-replayed')).toBe('true');
    expect(await placed.json()).toEqual({ orderId: 'exo2-1', symbol });
    const got = owners[2]!.received;
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ method: 'POST', url: '/v1/orders?x=1', body: order(symbol) });
    expect(got[0]!.headers['idempotency-key']).toBe('k-1');
    for (const other of [0, 1, 3]) expect(owners[other]!.received).toEqual([]);

    const cancelled = await call('/v1/orders/exo3-abc', {
      method: 'DELETE',
      headers: { 'idempotency-key': 'k-2' },
    });
    expect(cancelled.status).toBe(202);
    expect(await cancelled.json()).toEqual({ orderId: 'exo3-abc', shard: 3 });
    expect((await call('/v1/orders/exo1-x')).status).toBe(200);
    expect(owners[1]!.received.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /v1/orders/exo1-x',
    ]);
    expect(owners[3]!.received[0]!.headers['idempotency-key']).toBe('k-2');
  });

  it('answers 503 shard_unavailable with Retry-After and the shard for no address, an expired lease, a refused connection or an owner answering 503', async () => {
    const { call, owners, leases, gateway } = await cluster(4);
    await leases.set(0, { owner: 'w0', epoch: 1, address: null });
    await leases.set(1, { owner: 'w1', epoch: 1, address: owners[1]!.url, expiresInMs: -1_000 });
    await owners[2]!.close();
    owners[3]!.status = 503;
    await gateway.table.refresh();
    for (const shard of [0, 1, 2, 3]) {
      const answer = await call('/v1/orders', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: order(symbolOf(shard, 4)),
      });
      expect(answer.status, `shard ${shard}`).toBe(503);
      expect(answer.headers.get('retry-after')).toBe('1');
      expect(await answer.json()).toMatchObject({ error: 'shard_unavailable', shard });
    }
    expect(owners[1]!.received).toEqual([]);
    const metrics = await (await call('/metrics')).text();
    expect(metrics).toMatch(/exo_gateway_shard_unavailable_total\{shard="2"\} 1/);
    expect(metrics).toMatch(/exo_gateway_live_shards 2/);
    // The API document comes from a live owner: none can answer here.
    const doc = await call('/openapi.json');
    expect(doc.status).toBe(503);
    expect(await doc.json()).toMatchObject({ error: 'shard_unavailable' });
  });

  it('sends again what a refused connection never carried, to the owner the lease table names then', async () => {
    // The table is read only when the gateway asks: after a failure.
    const { call, owners, leases, gateway } = await cluster(2, { refreshMs: 600_000 });
    const gone = await new FakeOwner(0).start();
    await gone.close();
    await leases.set(0, { owner: 'w-old', epoch: 1, address: gone.url });
    await gateway.table.refresh();
    await leases.set(0, { owner: 'w0', epoch: 2, address: owners[0]!.url });
    const answer = await call('/v1/orders', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'k-9' },
      body: order(symbolOf(0, 2)),
    });
    expect(answer.status).toBe(201);
    expect(owners[0]!.received).toHaveLength(1);
  });

  it('never sends again what may have reached the owner: a reset is 503, the owner asked once', async () => {
    const { call, owners } = await cluster(2);
    owners[1]!.status = 'reset';
    const answer = await call('/v1/orders/exo1-a', {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'k-3' },
      body: '{"quantity":"2"}',
    });
    expect(answer.status).toBe(503);
    expect(await answer.json()).toMatchObject({ error: 'shard_unavailable', shard: 1 });
    expect(owners[1]!.received).toHaveLength(1);
  });

  it('follows a takeover: the next request goes to the new owner, and the event stream goes on with its events in one numbering', async () => {
    const running = await cluster(2);
    const { call, owners, leases, gateway } = running;
    const first = owners[0]!;
    // The new owner of shard 0: another worker's engine, at its own address.
    const second = await new FakeOwner(0).start();
    owners.push(second);
    const events = await followEvents(`${gateway.url}/v1/events`);
    const hello = await events.next();
    expect(hello.event).toBe('hello');
    expect(hello.data).toMatchObject({ symbols: ['S0', 'S1'], stats: { liveOrders: 1 } });
    await until(async () => (await eventsFrom(running, 0)) === 1);
    first.emit('accepted', { orderId: 'exo0-1' });
    const before = await events.until((e) => e.event === 'accepted');
    // The new owner (another worker, epoch 2) serves shard 0 at its own address.
    await leases.set(0, { owner: 'w-new', epoch: 2, address: second.url });
    await until(async () => (await eventsFrom(running, 0)) === 3);
    second.emit('fill', { orderId: 'exo0-1' });
    const after = await events.until((e) => e.event === 'fill');
    expect(after.find((e) => e.event === 'shard.owner')?.data).toEqual({
      shard: 0,
      previous: { owner: 'w0', epoch: 1, address: first.url },
      owner: { owner: 'w-new', epoch: 2, address: second.url },
    });
    expect(after.at(-1)!.data).toEqual({ shard: 0, orderId: 'exo0-1' });
    const ids = [hello, ...before, ...after].map((e) => Number(e.id!.split('-')[1]));
    const run = hello.id!.split('-')[0];
    expect([...before, ...after].every((e) => e.id!.startsWith(`${run}-`))).toBe(true);
    expect(ids.slice(1)).toEqual([...ids.slice(1)].sort((a, b) => a - b));
    expect(new Set(ids.slice(1)).size).toBe(ids.length - 1);
    events.close();

    const cancelled = await call('/v1/orders/exo0-1', { method: 'DELETE' });
    expect(cancelled.status).toBe(202);
    expect(second.received.map((r) => r.url)).toEqual(['/v1/orders/exo0-1']);
    expect(first.received).toEqual([]);
  });

  it("resumes a client's stream after its Last-Event-ID from the gateway's own ring, or sends reset and hello", async () => {
    const running = await cluster(2);
    const { owners, gateway } = running;
    const url = `${gateway.url}/v1/events`;
    const first = await followEvents(url);
    await first.next();
    // Once the gateway has the shard's hello, it follows the shard's stream.
    await until(async () => (await eventsFrom(running, 1)) === 1);
    owners[1]!.emit('accepted', { orderId: 'exo1-1' });
    const [accepted] = await first
      .until((e) => e.event === 'accepted')
      .then((seen) => seen.slice(-1));
    first.close();
    owners[1]!.emit('done', { orderId: 'exo1-1' });
    // Shard 1's events so far: its hello, accepted, done.
    await until(async () => (await eventsFrom(running, 1)) === 3);
    const resumed = await followEvents(url, undefined, accepted!.id);
    expect(await resumed.next()).toMatchObject({
      event: 'done',
      data: { shard: 1, orderId: 'exo1-1' },
    });
    resumed.close();
    const stale = await followEvents(url, undefined, 'ffff-1');
    expect((await stale.next()).event).toBe('reset');
    expect((await stale.next()).event).toBe('hello');
    stale.close();
  });

  it('merges the order list over every shard, newest first, and pages across shards without gaps or repeats', async () => {
    const { call, owners } = await cluster(3);
    const times = [
      [1, 4, 7, 10],
      [2, 5, 8],
      [3, 6, 9, 11, 12],
    ];
    times.forEach((list, shard) => {
      for (const createdAt of list) {
        owners[shard]!.orders.push({ orderId: `exo${shard}-${createdAt}`, symbol: 'X', createdAt });
      }
    });
    const seen: number[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 10; page++) {
      const answer: Response = await call(
        `/v1/orders?limit=5&status=new${cursor === null ? '' : `&cursor=${cursor}`}`,
      );
      expect(answer.status).toBe(200);
      const orders = (await answer.json()) as { createdAt: number }[];
      seen.push(...orders.map((o) => o.createdAt));
      cursor = answer.headers.get('next-cursor');
      if (cursor === null) break;
    }
    expect(seen).toEqual([12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(owners[0]!.received[0]!.url).toContain('status=new');
  });

  it('leaves a shard without an owner out of the list and names it', async () => {
    const { call, owners } = await cluster(2, { serving: [1] });
    owners[1]!.orders.push({ orderId: 'exo1-a', symbol: 'X', createdAt: 5 });
    const answer = await call('/v1/orders');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('shards-unavailable')).toBe('0');
    expect(await answer.json()).toEqual([{ orderId: 'exo1-a', symbol: 'X', createdAt: 5 }]);
  });

  it('refuses bad input with a 4xx naming it, sending nothing', async () => {
    const { call, owners } = await cluster(2);
    const post = (body: string, type = 'application/json') =>
      call('/v1/orders', { method: 'POST', headers: { 'content-type': type }, body });
    const cases: [Response, number, string, RegExp][] = [
      [await post('{"side":'), 400, 'invalid_request', /^body: not valid JSON/],
      [await post('{"side":"buy"}'), 400, 'invalid_request', /^body\.symbol: required/],
      [await post('[1]'), 400, 'invalid_request', /^body: must be a JSON object/],
      [await post('{"symbol":7}'), 400, 'invalid_request', /^body\.symbol/],
      [await post('symbol=X', 'text/plain'), 415, 'unsupported_media_type', /content-type/],
      [await call('/v1/orders/abc'), 404, 'unknown_order', /names no shard of 2/],
      [await call('/v1/orders/exoz-1'), 404, 'unknown_order', /names no shard/],
      [await call('/v1/orders?cursor=12'), 400, 'invalid_request', /^querystring\.cursor/],
      [await call('/v1/orders?limit=0'), 400, 'invalid_request', /^querystring\.limit/],
    ];
    for (const [answer, status, error, message] of cases) {
      expect(answer.status).toBe(status);
      const body = (await answer.json()) as { error: string; message: string };
      expect(body.error).toBe(error);
      expect(body.message).toMatch(message);
    }
    expect(owners.flatMap((owner) => owner.received)).toEqual([]);
  });

  it('broadcasts a halt to every shard and reports per shard; 503 naming a shard that has no owner', async () => {
    const { call, owners, leases, gateway } = await cluster(3);
    const halt = () =>
      call('/v1/halt', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"reason":"test"}',
      });
    const all = await halt();
    expect(all.status).toBe(200);
    expect(await all.json()).toEqual({
      shards: [0, 1, 2].map((shard) => ({
        shard,
        owner: `w${shard}`,
        epoch: 1,
        status: 200,
        body: { ok: true, shard },
      })),
    });
    for (const owner of owners) expect(owner.received[0]!.body).toBe('{"reason":"test"}');
    await leases.set(1, { owner: 'w1', epoch: 1, address: null });
    await gateway.table.refresh();
    const partial = await halt();
    expect(partial.status).toBe(503);
    const body = (await partial.json()) as { error: string; shards: { shard: number }[] };
    expect(body.error).toBe('shard_unavailable');
    expect(body.shards[1]).toMatchObject({ shard: 1, error: 'shard_unavailable' });
    expect(body.shards[2]).toMatchObject({ shard: 2, status: 200 });
  });

  it("sends a halt for one symbol to that symbol's shard alone, answering as its engine does", async () => {
    const { call, owners } = await cluster(3);
    const symbol = 'ETH-USD';
    const shard = shardOf(symbol, 3);
    const answer = await call('/v1/halt', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ symbol, reason: 'one' }),
    });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ ok: true, shard });
    expect(owners.map((owner) => owner.received.length)).toEqual(
      [0, 1, 2].map((s) => (s === shard ? 1 : 0)),
    );
    const bad = await call('/v1/resume', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"symbol":7}',
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toMatch(/^body\.symbol/);
  });

  it('requires its token, forwards the Authorization header, and never logs the token', async () => {
    const { call, owners, log } = await cluster(2, { token: TOKEN });
    expect((await call('/v1/orders/exo0-1')).status).toBe(401);
    const answer = await call('/v1/orders/exo0-1', {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(answer.status).toBe(200);
    expect(owners[0]!.received.at(-1)!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    // The gateway's own event streams carry the token too.
    await until(() => owners[0]!.streams.size > 0);
    expect(log()).not.toContain(TOKEN);
  });

  it('serves its health with the live shard count, and the dashboard', async () => {
    const { call } = await cluster(2, { serving: [1] });
    const health = await call('/healthz');
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'degraded', shards: 2, liveShards: 1 });
    const page = await call('/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
  });
});
