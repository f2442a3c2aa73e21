import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.js';
import { DEFAULT_LIST_LIMIT } from '../../src/engine/order-store.js';
import { orderBody, testApp } from './app-helpers.js';
import { canceledReport, fillReport, type ScriptedVenue } from './fake-engine.js';

let app: FastifyInstance;
let engine: Engine;
let venue: ScriptedVenue;

beforeEach(async () => {
  ({ app, engine, venue } = await testApp());
});

afterEach(async () => {
  await app.close();
  await engine.stop();
});

async function place(overrides: Record<string, unknown> = {}): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: '/v1/orders',
    body: orderBody(overrides),
  });
  expect(response.statusCode).toBe(201);
  return response.json().orderId;
}

/** Lets the order processes run their queued updates (they run in microtasks). */
async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

describe('POST /v1/orders', () => {
  it('accepts an order and answers 201 with it, decimals as strings', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/v1/orders',
      body: orderBody({ side: 'SELL', limitPrice: '64000.5', params: { urgency: 1 } }),
    });
    expect(response.statusCode).toBe(201);
    const order = response.json();
    expect(order).toMatchObject({
      side: 'sell',
      symbol: 'BTC-USD',
      quantity: '0.5',
      limitPrice: '64000.5',
      algo: 'take',
      params: { urgency: 1 },
      status: 'new',
      cumQty: '0',
      leavesQty: '0.5',
      children: [],
      fills: [],
    });
    expect(order.orderId).toMatch(/^exo-/);
    expect(order.avgPx).toBeUndefined();
  });

  it.each([
    [{ side: 'hold' }, 'side'],
    [{ quantity: 5 }, 'quantity'],
    [{ quantity: '-1' }, 'quantity'],
    [{ quantity: 'lots' }, 'quantity'],
    [{ limitPrice: '0' }, 'limitPrice'],
    [{ colour: 'red' }, 'colour'],
    [{ algo: undefined }, 'algo'],
    [{ params: 'fast' }, 'params'],
  ])('refuses %j with 400 naming %s', async (overrides, field) => {
    const response = await app.inject({
      method: 'POST',
      url: '/v1/orders',
      body: orderBody(overrides),
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toBe('invalid_request');
    expect(response.json().message).toContain(field);
    expect(engine.dispatcher.size).toBe(0);
  });

  it('refuses malformed JSON with 400', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/v1/orders',
      headers: { 'content-type': 'application/json' },
      body: '{"side":',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toMatch(/^body: not valid JSON/);
  });

  it.each([
    [{ symbol: 'DOGE-USD' }, 'symbol'],
    [{ algo: 'vwap' }, 'algo'],
    [{ params: { refuse: 'bad speed' } }, 'bad speed'],
  ])('refuses %j with 422 naming %s', async (overrides, words) => {
    const response = await app.inject({
      method: 'POST',
      url: '/v1/orders',
      body: orderBody(overrides),
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().error).toBe('invalid_instruction');
    expect(response.json().message).toContain(words);
  });

  it('refuses a body over the limit with 413', async () => {
    const big = await testApp({ bodyLimit: 1024 });
    const response = await big.app.inject({
      method: 'POST',
      url: '/v1/orders',
      body: orderBody({ params: { padding: 'x'.repeat(2000) } }),
    });
    expect(response.statusCode).toBe(413);
    expect(response.json().error).toBe('body_too_large');
    await big.app.close();
    await big.engine.stop();
  });

  it('answers 503 once the engine is stopping', async () => {
    await engine.stop();
    const response = await app.inject({ method: 'POST', url: '/v1/orders', body: orderBody() });
    expect(response.statusCode).toBe(503);
    expect(response.json().error).toBe('stopped');
  });
});

describe('GET /v1/orders', () => {
  it('lists orders newest first, filtered by status and limited', async () => {
    const first = await place();
    const second = await place({ symbol: 'ETH-USD' });
    venue.report(fillReport(first, '0.5', '65000', 'e1'));
    await settle();

    const all = (await app.inject({ url: '/v1/orders' })).json();
    expect(all.map((o: { orderId: string }) => o.orderId)).toEqual([second, first]);
    expect(all[0].children).toBeUndefined();

    const filled = await app.inject({ url: '/v1/orders?status=filled' });
    expect(filled.json().map((o: { orderId: string }) => o.orderId)).toEqual([first]);
    const one = await app.inject({ url: '/v1/orders?limit=1' });
    expect(one.json()).toHaveLength(1);
  });

  it.each(['status=filled&status=new', 'status=filled,new'])(
    'lists orders in any of several statuses: %s',
    async (query) => {
      const first = await place();
      const second = await place();
      const third = await place();
      venue.report(fillReport(first, '0.5', '65000', 'e1'));
      await app.inject({ method: 'DELETE', url: `/v1/orders/${third}` });
      venue.report(canceledReport(third));
      await settle();
      expect(engine.store.get(third)?.status).toBe('canceled');
      const response = await app.inject({ url: `/v1/orders?${query}` });
      expect(response.statusCode).toBe(200);
      expect(response.json().map((o: { orderId: string }) => o.orderId)).toEqual([second, first]);
    },
  );

  it('pages with a cursor: Next-Cursor until the last page, by status too', async () => {
    const placed: string[] = [];
    for (let i = 0; i < 5; i++) placed.push(await place());
    const newest = [...placed].reverse();
    const seen: string[] = [];
    let url = '/v1/orders?limit=2&status=new';
    for (;;) {
      const response = await app.inject({ url });
      expect(response.statusCode).toBe(200);
      const page = response.json().map((o: { orderId: string }) => o.orderId);
      expect(page.length).toBeLessThanOrEqual(2);
      seen.push(...page);
      const cursor = response.headers['next-cursor'];
      if (cursor === undefined) break;
      url = `/v1/orders?limit=2&status=new&cursor=${cursor}`;
    }
    expect(seen).toEqual(newest);
  });

  it('lists the default number of orders when no limit is given', async () => {
    for (let i = 0; i <= DEFAULT_LIST_LIMIT; i++) await place();
    const response = await app.inject({ url: '/v1/orders' });
    expect(response.json()).toHaveLength(DEFAULT_LIST_LIMIT);
    expect(response.headers['next-cursor']).toBeDefined();
  });

  it.each(['status=done', 'limit=0', 'limit=1001', 'limit=ten', 'cursor=abc', 'colour=red'])(
    'refuses the query %s with 400',
    async (query) => {
      const response = await app.inject({ url: `/v1/orders?${query}` });
      expect(response.statusCode).toBe(400);
      expect(response.json().message).toContain(query.split('=')[0]);
    },
  );
});

describe('GET /v1/orders/:id', () => {
  it('shows the order with its fills and figures', async () => {
    const orderId = await place({ quantity: '1' });
    venue.report(fillReport(orderId, '0.25', '100', 'e1'));
    venue.report(fillReport(orderId, '0.5', '101', 'e2'));
    await settle();
    const response = await app.inject({ url: `/v1/orders/${orderId}` });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      orderId,
      status: 'partially_filled',
      cumQty: '0.75',
      leavesQty: '0.25',
      fills: [
        { execId: 'e1', qty: '0.25', px: '100' },
        { execId: 'e2', qty: '0.5', px: '101' },
      ],
    });
    expect(response.json().avgPx).toMatch(/^100\.666/);
  });

  it('answers 404 for an unknown order', async () => {
    const response = await app.inject({ url: '/v1/orders/nope' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ error: 'unknown_order', message: 'no order nope' });
  });
});

describe('PATCH /v1/orders/:id', () => {
  it('replaces quantity and limit with 202, and a later change keeps the earlier one', async () => {
    const orderId = await place({ quantity: '1', limitPrice: '100' });
    const first = await app.inject({
      method: 'PATCH',
      url: `/v1/orders/${orderId}`,
      body: { quantity: '2' },
    });
    expect(first.statusCode).toBe(202);
    const second = await app.inject({
      method: 'PATCH',
      url: `/v1/orders/${orderId}`,
      body: { limitPrice: '99' },
    });
    expect(second.statusCode).toBe(202);
    await settle();
    const order = (await app.inject({ url: `/v1/orders/${orderId}` })).json();
    expect(order).toMatchObject({ quantity: '2', limitPrice: '99', leavesQty: '2' });
    const kinds = engine.store.history(orderId).map((event) => event.kind);
    expect(kinds).toEqual(['accepted', 'replaced', 'replaced']);
  });

  it.each([
    [{ side: 'sell' }, 'side_changed'],
    [{ symbol: 'ETH-USD' }, 'symbol_changed'],
  ])('refuses %j with 400 %s', async (body, code) => {
    const orderId = await place();
    const response = await app.inject({ method: 'PATCH', url: `/v1/orders/${orderId}`, body });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toBe(code);
  });

  it.each([
    [{}, 'body'],
    [{ quantity: '0' }, 'quantity'],
    [{ algo: 'peg' }, 'algo'],
  ])('refuses the body %j with 400 naming %s', async (body, field) => {
    const orderId = await place();
    const response = await app.inject({ method: 'PATCH', url: `/v1/orders/${orderId}`, body });
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toContain(field);
  });

  it('answers 404 for an unknown order', async () => {
    const response = await app.inject({
      method: 'PATCH',
      url: '/v1/orders/nope',
      body: { quantity: '1' },
    });
    expect(response.statusCode).toBe(404);
  });

  it('answers 409 when the order is complete or being cancelled', async () => {
    const done = await place({ quantity: '1' });
    venue.report(fillReport(done, '1', '100', 'e1'));
    await settle();
    const complete = await app.inject({
      method: 'PATCH',
      url: `/v1/orders/${done}`,
      body: { quantity: '2' },
    });
    expect(complete.statusCode).toBe(409);
    expect(complete.json().error).toBe('order_completed');

    const cancelling = await place();
    await app.inject({ method: 'DELETE', url: `/v1/orders/${cancelling}` });
    const late = await app.inject({
      method: 'PATCH',
      url: `/v1/orders/${cancelling}`,
      body: { quantity: '2' },
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().error).toBe('replace_after_cancel');
  });
});

describe('DELETE /v1/orders/:id', () => {
  it('cancels with 202, and the order ends canceled', async () => {
    const orderId = await place();
    const response = await app.inject({ method: 'DELETE', url: `/v1/orders/${orderId}` });
    expect(response.statusCode).toBe(202);
    expect(response.json().orderId).toBe(orderId);
    await settle();
    expect(engine.store.get(orderId)?.status).toBe('new');
    venue.report(canceledReport(orderId));
    await settle();
    expect(engine.store.get(orderId)?.status).toBe('canceled');
    expect(engine.dispatcher.size).toBe(0);
  });

  it('answers 409 twice: while being cancelled, and once complete', async () => {
    const orderId = await place();
    await app.inject({ method: 'DELETE', url: `/v1/orders/${orderId}` });
    const again = await app.inject({ method: 'DELETE', url: `/v1/orders/${orderId}` });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toBe('cancel_pending');
    venue.report(canceledReport(orderId));
    await settle();
    const after = await app.inject({ method: 'DELETE', url: `/v1/orders/${orderId}` });
    expect(after.statusCode).toBe(409);
    expect(after.json().error).toBe('order_completed');
  });

  it('answers 404 for an unknown order', async () => {
    const response = await app.inject({ method: 'DELETE', url: '/v1/orders/nope' });
    expect(response.statusCode).toBe(404);
    expect(response.json().error).toBe('unknown_order');
  });
});

describe('clientOrderId', () => {
  it('is kept on the order, shown, and searchable', async () => {
    const orderId = await place({ clientOrderId: 'my-1' });
    await place({ clientOrderId: 'my-2' });
    await place();
    expect((await app.inject({ url: `/v1/orders/${orderId}` })).json().clientOrderId).toBe('my-1');
    const found = await app.inject({ url: '/v1/orders?clientOrderId=my-1' });
    expect(found.json().map((o: { orderId: string }) => o.orderId)).toEqual([orderId]);
    expect(found.json()[0].clientOrderId).toBe('my-1');
    expect((await app.inject({ url: '/v1/orders?clientOrderId=none' })).json()).toEqual([]);
  });

  it('is unique among the orders exo knows, finished ones too: a second use is 409', async () => {
    const first = await place({ clientOrderId: 'once', quantity: '1' });
    venue.report(fillReport(first, '1', '100', 'e1'));
    await settle();
    expect(engine.store.get(first)?.status).toBe('filled');
    const again = await app.inject({
      method: 'POST',
      url: '/v1/orders',
      body: orderBody({ clientOrderId: 'once' }),
    });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toEqual({
      error: 'duplicate_client_order_id',
      message: `clientOrderId: "once" is taken by order ${first}`,
    });
    expect(engine.dispatcher.size).toBe(0);
  });

  it('does not refuse a retry under the same Idempotency-Key: the retry gets the first answer', async () => {
    const post = () =>
      app.inject({
        method: 'POST',
        url: '/v1/orders',
        headers: { 'idempotency-key': 'k-1' },
        body: orderBody({ clientOrderId: 'retried' }),
      });
    const first = await post();
    const retry = await post();
    expect([first.statusCode, retry.statusCode]).toEqual([201, 201]);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json().orderId).toBe(first.json().orderId);
  });

  it('is refused to the second of two orders placed at once with it', async () => {
    const post = () =>
      app.inject({ method: 'POST', url: '/v1/orders', body: orderBody({ clientOrderId: 'race' }) });
    const answers = await Promise.all([post(), post()]);
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([201, 409]);
    const listed = await app.inject({ url: '/v1/orders?clientOrderId=race' });
    expect(listed.json()).toHaveLength(1);
  });

  it.each(['has space', 'x'.repeat(65), ''])(
    'refuses %j with 400 naming the format',
    async (id) => {
      const response = await app.inject({
        method: 'POST',
        url: '/v1/orders',
        body: orderBody({ clientOrderId: id }),
      });
      expect(response.json()).toEqual({
        error: 'invalid_request',
        message: 'clientOrderId: expected 1 to 64 visible ASCII characters',
      });
    },
  );
});
