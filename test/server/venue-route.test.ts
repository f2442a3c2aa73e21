import { afterEach, describe, expect, it } from 'vitest';
import type { VenueLink } from '../../src/venues/venue.js';
import { type TestApp, testApp } from './app-helpers.js';

const TOKEN = 'venue-route-token';
const auth = { authorization: `Bearer ${TOKEN}` };

let running: TestApp | undefined;
afterEach(async () => {
  await running?.app.close();
  await running?.engine.stop();
  running = undefined;
});

describe('GET /v1/venue', () => {
  it('answers the in-process venue by name, without a link, and no unknown children', async () => {
    running = await testApp({ token: TOKEN });
    const response = await running.app.inject({ url: '/v1/venue', headers: auth });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ name: running.venue.name, unknownChildren: [] });
  });

  it("answers a connected venue's link as it stands at each request, rate limits and a stop included", async () => {
    let link: VenueLink = {
      connected: true,
      connections: 1,
      restarts: 0,
      working: 2,
      unconfirmed: 0,
      catchingUp: false,
      rateLimits: [{ name: 'ORDERS 10s', used: 3, limit: 50 }],
    };
    running = await testApp({ token: TOKEN, link: () => link });
    const first = await running.app.inject({ url: '/v1/venue', headers: auth });
    expect(first.json()).toEqual({ name: running.venue.name, link, unknownChildren: [] });

    link = { ...link, connected: false, connections: 2, stopped: 'banned (418)' };
    const second = await running.app.inject({ url: '/v1/venue', headers: auth });
    expect(second.json().link).toEqual(link);
    const metrics = await running.app.inject({ url: '/metrics', headers: auth });
    expect(metrics.body).toContain(
      `exo_venue_rate_limit_used{venue="${running.venue.name}",limit="ORDERS 10s"} 3`,
    );
    expect(metrics.body).toContain(
      `exo_venue_order_entry_stopped{venue="${running.venue.name}"} 1`,
    );
  });

  it('is behind the token', async () => {
    running = await testApp({ token: TOKEN });
    const response = await running.app.inject({ url: '/v1/venue' });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ error: 'unauthorized' });
  });
});
