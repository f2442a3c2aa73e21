import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.js';
import { orderBody, testApp } from './app-helpers.js';
import { fillReport, type ScriptedVenue } from './fake-engine.js';

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

describe('operations', () => {
  it('GET /healthz says ok and counts live orders', async () => {
    await app.inject({ method: 'POST', url: '/v1/orders', body: orderBody() });
    const response = await app.inject({ url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'ok', liveOrders: 1 });
  });

  it('GET /metrics exposes orders by status, fills, ticks, conflation, actions and event-loop lag', async () => {
    const placed = await app.inject({ method: 'POST', url: '/v1/orders', body: orderBody() });
    venue.report(fillReport(placed.json().orderId, '0.5', '100', 'e1'));
    for (let i = 0; i < 3; i++) await new Promise<void>((resolve) => setImmediate(resolve));
    const response = await app.inject({ url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/plain');
    const text = response.body;
    expect(text).toContain('exo_orders{status="filled"} 1');
    expect(text).toContain('exo_fills_total 1');
    expect(text).toMatch(/exo_ticks_in_total \d+/);
    expect(text).toMatch(/exo_updates_delivered_total [1-9]/);
    expect(text).toMatch(/exo_conflation_ratio \d/);
    expect(text).toMatch(/exo_delegate_action_seconds_count [1-9]/);
    expect(text).toContain('nodejs_eventloop_lag_seconds');
  });

  it('GET /openapi.json documents the API, its schemas and its bearer security', async () => {
    const response = await app.inject({ url: '/openapi.json' });
    expect(response.statusCode).toBe(200);
    const doc = response.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/v1/orders',
        '/v1/orders/{id}',
        '/v1/events',
        '/healthz',
        '/metrics',
      ]),
    );
    const post = doc.paths['/v1/orders'].post;
    const body = post.requestBody.content['application/json'].schema;
    expect(body.additionalProperties).toBe(false);
    expect(body.required).toEqual(['side', 'symbol', 'quantity', 'algo']);
    expect(Object.keys(post.responses)).toEqual(expect.arrayContaining(['201', '400', '422']));
    expect(doc.components.securitySchemes.bearer).toEqual({ type: 'http', scheme: 'bearer' });
  });

  it('serves the dashboard with a strict content security policy', async () => {
    for (const [url, type] of [
      ['/', 'text/html'],
      ['/app.js', 'text/javascript'],
      ['/spread.js', 'text/javascript'],
      ['/style.css', 'text/css'],
      ['/favicon.svg', 'image/svg+xml'],
    ]) {
      const response = await app.inject({ url });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toContain(type);
      expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    }
    const page = (await app.inject({ url: '/' })).body;
    expect(page).toContain('/app.js');
    // Its icon is served, so a browser asks for no /favicon.ico (which would be a 404).
    expect(page).toContain('<link rel="icon" href="/favicon.svg"');
  });

  it('answers 404 in the error shape for an unknown route, and never serves other files', async () => {
    for (const url of ['/nope', '/../package.json', '/public/app.js', '/index.html']) {
      const response = await app.inject({ url });
      expect(response.statusCode).toBe(404);
      expect(response.json().error).toBe('not_found');
    }
  });
});
