import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.js';
import { assertSafeListen, isLoopback, UnsafeListenError } from '../../src/server/listen-policy.js';
import { orderBody, testApp } from './app-helpers.js';

const TOKEN = 's3cret-token-value';
let app: FastifyInstance;
let engine: Engine;

afterEach(async () => {
  await app.close();
  await engine.stop();
});

describe('with a token', () => {
  it.each([
    ['POST', '/v1/orders'],
    ['GET', '/v1/orders'],
    ['GET', '/v1/orders/x'],
    ['PATCH', '/v1/orders/x'],
    ['DELETE', '/v1/orders/x'],
    ['GET', '/v1/events'],
    ['GET', '/v1/limits'],
    ['PUT', '/v1/limits'],
  ] as const)('%s %s answers 401 without the right Bearer token', async (method, url) => {
    ({ app, engine } = await testApp({ token: TOKEN }));
    for (const authorization of [undefined, 'Bearer wrong', `Basic ${TOKEN}`, TOKEN]) {
      const response = await app.inject({
        method,
        url,
        headers: authorization === undefined ? {} : { authorization },
        ...(method === 'POST' ? { body: orderBody() } : {}),
        ...(method === 'PUT' ? { body: {} } : {}),
      });
      expect(response.statusCode).toBe(401);
      expect(response.headers['www-authenticate']).toBe('Bearer');
      expect(response.json().error).toBe('unauthorized');
      expect(response.body).not.toContain(TOKEN);
    }
  });

  it('lets the right token through', async () => {
    ({ app, engine } = await testApp({ token: TOKEN }));
    const authorization = `Bearer ${TOKEN}`;
    const placed = await app.inject({
      method: 'POST',
      url: '/v1/orders',
      headers: { authorization },
      body: orderBody(),
    });
    expect(placed.statusCode).toBe(201);
    const listed = await app.inject({ url: '/v1/orders', headers: { authorization } });
    expect(listed.json()).toHaveLength(1);
  });

  it('leaves health, the OpenAPI document and the dashboard open', async () => {
    ({ app, engine } = await testApp({ token: TOKEN }));
    for (const url of ['/healthz', '/openapi.json', '/']) {
      expect((await app.inject({ url })).statusCode).toBe(200);
    }
  });

  it('requires the token for /metrics, whose order counts and fills are not for anyone', async () => {
    ({ app, engine } = await testApp({ token: TOKEN }));
    for (const authorization of [undefined, 'Bearer wrong']) {
      const response = await app.inject({
        url: '/metrics',
        headers: authorization === undefined ? {} : { authorization },
      });
      expect(response.statusCode).toBe(401);
      expect(response.json().error).toBe('unauthorized');
      expect(response.body).not.toContain('exo_');
    }
    const allowed = await app.inject({
      url: '/metrics',
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(allowed.statusCode).toBe(200);
    expect(allowed.body).toContain('# TYPE');
  });
});

describe('without a token', () => {
  it('serves /v1 and /metrics to anyone', async () => {
    ({ app, engine } = await testApp());
    expect((await app.inject({ url: '/v1/orders' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/metrics' })).statusCode).toBe(200);
  });
});

describe('the listen policy', () => {
  it.each(['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]', '::ffff:127.0.0.1'])(
    'knows %s is loopback',
    (host) => {
      expect(isLoopback(host)).toBe(true);
      expect(() => assertSafeListen(host, undefined)).not.toThrow();
    },
  );

  it.each(['0.0.0.0', '::', '192.168.1.5', 'example.com', '128.0.0.1'])(
    'refuses %s without a token, allows it with one',
    (host) => {
      expect(isLoopback(host)).toBe(false);
      expect(() => assertSafeListen(host, undefined)).toThrow(UnsafeListenError);
      expect(() => assertSafeListen(host, '')).toThrow(/EXO_TOKEN/);
      expect(() => assertSafeListen(host, TOKEN)).not.toThrow();
    },
  );
});
