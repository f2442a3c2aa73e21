import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { registerVenueMetrics } from '../../src/engine/venue-metrics.js';

describe('venue metrics', () => {
  it("show a standalone venue's link and counters as they stand at each scrape", async () => {
    const venue = {
      name: 'remote',
      connected: true,
      connections: 1,
      restarts: 0,
      working: 3,
      unconfirmed: 1,
      catchingUp: false,
    };
    const registry = new Registry();
    registerVenueMetrics(registry, venue);
    let text = await registry.metrics();
    expect(text).toContain('exo_venue_connected{venue="remote"} 1');
    expect(text).toContain('exo_venue_working_children{venue="remote"} 3');
    expect(text).toContain('exo_venue_unconfirmed_requests{venue="remote"} 1');
    expect(text).toContain('exo_venue_connections_total{venue="remote"} 1');
    expect(text).toContain('exo_venue_restarts_total{venue="remote"} 0');

    Object.assign(venue, { connected: false, catchingUp: true, connections: 2, restarts: 1 });
    text = await registry.metrics();
    expect(text).toContain('exo_venue_connected{venue="remote"} 0');
    expect(text).toContain('exo_venue_catching_up{venue="remote"} 1');
    expect(text).toContain('exo_venue_connections_total{venue="remote"} 2');
    expect(text).toContain('exo_venue_restarts_total{venue="remote"} 1');
  });
});
