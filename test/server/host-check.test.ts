import type { FastifyInstance, FastifyRequest } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.js';
import { hostCheck } from '../../src/server/host-check.js';
import { testApp } from './app-helpers.js';

let app: FastifyInstance;
let engine: Engine;

describe('the Host check', () => {
  afterEach(async () => {
    await app.close();
    await engine.stop();
  });

  it.each([
    'localhost:80',
    'localhost',
    'LocalHost:8080',
    'localhost.:8080',
    '127.0.0.1:8080',
    '[::1]:8080',
    '192.168.1.5:8080',
    'exo.example.com:443',
    'EXO.example.com',
  ])('answers Host %s', async (host) => {
    ({ app, engine } = await testApp({ allowedHosts: ['exo.example.com'] }));
    const response = await app.inject({ url: '/healthz', headers: { host } });
    expect(response.statusCode).toBe(200);
  });

  it.each([
    'evil.example',
    'evil.example:8080',
    'localhost.evil.example:8080',
    'exo.example.com.evil.example',
    'user@localhost',
    'localhost:8080/x',
    '[::1',
  ])('refuses Host %s with 421 host_not_allowed on every route', async (host) => {
    ({ app, engine } = await testApp({ allowedHosts: ['exo.example.com'] }));
    for (const url of ['/healthz', '/metrics', '/', '/v1/orders', '/openapi.json', '/nowhere']) {
      const response = await app.inject({ url, headers: { host } });
      expect(response.statusCode, url).toBe(421);
      expect(response.json(), url).toMatchObject({ error: 'host_not_allowed' });
      expect(response.json().message).toContain('--allowed-hosts');
    }
  });

  it('answers only localhost and IP addresses when no names are configured', async () => {
    ({ app, engine } = await testApp());
    const named = await app.inject({ url: '/healthz', headers: { host: 'exo.example.com' } });
    expect(named.statusCode).toBe(421);
    expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200);
  });

  it('refuses a foreign Host before asking for the token', async () => {
    ({ app, engine } = await testApp({ token: 'a-token-of-enough-length' }));
    const response = await app.inject({ url: '/v1/orders', headers: { host: 'evil.example' } });
    expect(response.statusCode).toBe(421);
  });
});

describe('a request without a Host header', () => {
  it('is refused, naming the missing header', async () => {
    const check = hostCheck([]);
    await expect(check({ headers: {} } as FastifyRequest)).rejects.toThrow(/^no Host header/);
  });
});
