import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { registerVenueMetrics } from '../../src/engine/venue-metrics.js';
import type { VenueLink } from '../../src/venues/venue.js';

describe('venue metrics', () => {
  it("show a connected venue's link, counters and rate limits as they stand at each scrape", async () => {
    let link: VenueLink = {
      connected: true,
      connections: 1,
      restarts: 0,
      working: 3,
      unconfirmed: 1,
      catchingUp: false,
    };
    const registry = new Registry();
    registerVenueMetrics(registry, 'remote', () => link);
    let text = await registry.metrics();
    expect(text).toContain('exo_venue_connected{venue="remote"} 1');
    expect(text).toContain('exo_venue_working_children{venue="remote"} 3');
    expect(text).toContain('exo_venue_unconfirmed_requests{venue="remote"} 1');
    expect(text).toContain('exo_venue_connections_total{venue="remote"} 1');
    expect(text).toContain('exo_venue_restarts_total{venue="remote"} 0');
    expect(text).toContain('exo_venue_order_entry_stopped{venue="remote"} 0');
    expect(text).not.toContain('exo_venue_rate_limit_used{');

    link = {
      ...link,
      connected: false,
      catchingUp: true,
      connections: 2,
      restarts: 1,
      stopped: 'banned until 12:00:00 (418)',
      rateLimits: [{ name: 'ORDERS 10s', used: 7, limit: 50 }],
    };
    text = await registry.metrics();
    expect(text).toContain('exo_venue_connected{venue="remote"} 0');
    expect(text).toContain('exo_venue_catching_up{venue="remote"} 1');
    expect(text).toContain('exo_venue_connections_total{venue="remote"} 2');
    expect(text).toContain('exo_venue_restarts_total{venue="remote"} 1');
    expect(text).toContain('exo_venue_order_entry_stopped{venue="remote"} 1');
    expect(text).toContain('exo_venue_rate_limit_used{venue="remote",limit="ORDERS 10s"} 7');
    expect(text).toContain('exo_venue_rate_limit{venue="remote",limit="ORDERS 10s"} 50');

    link = { ...link, rateLimits: [] };
    text = await registry.metrics();
    expect(text).not.toContain('limit="ORDERS 10s"');
  });
});
