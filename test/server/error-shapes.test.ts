import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { eachTestApp, orderBody } from './app-helpers.js';

const current = eachTestApp();

async function place(): Promise<string> {
  const response = await current.app.inject({
    method: 'POST',
    url: '/v1/orders',
    body: orderBody(),
  });
  expect(response.statusCode).toBe(201);
  return response.json().orderId;
}

/** Sends raw bytes to the listening app and returns everything it answers before closing. */
async function rawExchange(request: string): Promise<string> {
  const address = await current.app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = new URL(address);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1', () => socket.write(request));
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk) => {
      answer += chunk;
    });
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });
}

/** The status and JSON body of a raw HTTP answer. */
function parseRaw(answer: string): { status: number; body: unknown } {
  const [head, body] = answer.split('\r\n\r\n');
  return { status: Number(head!.split(' ')[1]), body: JSON.parse(body!) };
}

describe('errors the framework raises answer {error, message}', () => {
  it('a path segment over the router limit is 414 uri_too_long', async () => {
    const response = await current.app.inject({ url: `/v1/orders/${'x'.repeat(200)}` });
    expect(response.statusCode).toBe(414);
    expect(response.json()).toEqual({ error: 'uri_too_long', message: expect.any(String) });
  });

  it('a path that does not decode is 400 invalid_request', async () => {
    const response = await current.app.inject({ url: '/v1/orders/%E0%A4%A' });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ error: 'invalid_request', message: 'path: not a valid URL' });
  });

  it('an order ID up to the schema limit still reaches the route', async () => {
    const response = await current.app.inject({ url: `/v1/orders/${'x'.repeat(128)}` });
    expect(response.json().error).toBe('unknown_order');
  });

  it('headers over the size limit are 431 headers_too_large', async () => {
    const answer = await rawExchange(
      `GET /v1/orders HTTP/1.1\r\nHost: localhost\r\nX-Big: ${'y'.repeat(20_000)}\r\n\r\n`,
    );
    expect(parseRaw(answer)).toEqual({
      status: 431,
      body: { error: 'headers_too_large', message: 'headers: over the size limit' },
    });
  });

  it('a request that is not HTTP is 400 invalid_request', async () => {
    const answer = await rawExchange('NOT HTTP AT ALL\r\n\r\n');
    expect(parseRaw(answer)).toEqual({
      status: 400,
      body: { error: 'invalid_request', message: 'request: not a valid HTTP request' },
    });
  });
});

describe('a method a path does not take', () => {
  it.each([
    ['PUT', '/v1/orders/some-id', 'GET, HEAD, PATCH, DELETE'],
    ['OPTIONS', '/v1/orders', 'GET, HEAD, POST'],
    ['POST', '/healthz', 'GET, HEAD'],
  ] as const)('%s %s is 405 with Allow: %s', async (method, url, allow) => {
    const response = await current.app.inject({ method, url, body: { quantity: '1' } });
    expect(response.statusCode).toBe(405);
    expect(response.headers.allow).toBe(allow);
    expect(response.json()).toMatchObject({ error: 'method_not_allowed' });
    expect(response.json().message).toContain(method);
  });

  it('is still 404 on a path that does not exist', async () => {
    const response = await current.app.inject({ method: 'PUT', url: '/v2/nothing' });
    expect(response.statusCode).toBe(404);
    expect(response.json().error).toBe('not_found');
  });
});

describe('JSON bodies', () => {
  it('a DELETE with content-type: application/json and no body cancels', async () => {
    const orderId = await place();
    const response = await current.app.inject({
      method: 'DELETE',
      url: `/v1/orders/${orderId}`,
      headers: { 'content-type': 'application/json' },
    });
    expect(response.statusCode).toBe(202);
  });

  it('a POST with no body says the body is missing', async () => {
    const response = await current.app.inject({
      method: 'POST',
      url: '/v1/orders',
      headers: { 'content-type': 'application/json' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ error: 'invalid_request', message: 'body: must be object' });
  });

  it.each([
    ['{"__proto__":{"admin":true},"side":"buy"}'],
    ['{"params":{"constructor":{"prototype":{"admin":true}}}}'],
  ])('refuses %s naming the refused key, not as invalid JSON', async (body) => {
    const response = await current.app.inject({
      method: 'POST',
      url: '/v1/orders',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      error: 'invalid_request',
      message: 'body: the keys "__proto__" and "constructor.prototype" are not accepted',
    });
    expect(current.engine.dispatcher.size).toBe(0);
  });
});

describe('validation messages', () => {
  it('a bad side says buy or sell, not a regex', async () => {
    const response = await current.app.inject({
      method: 'POST',
      url: '/v1/orders',
      body: orderBody({ side: 'hold' }),
    });
    expect(response.json()).toEqual({
      error: 'invalid_request',
      message: 'side: expected buy or sell, in any letter case',
    });
  });

  it('an unknown field with a huge name is named, not echoed at length', async () => {
    const response = await current.app.inject({ url: `/v1/orders?${'z'.repeat(5000)}=1` });
    expect(response.statusCode).toBe(400);
    expect(response.json().message.length).toBeLessThan(200);
  });

  it('a repeated single-valued query parameter says so', async () => {
    const response = await current.app.inject({ url: '/v1/orders?limit=1&limit=2' });
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toBe('limit: given more than once; give it once');
  });
});
