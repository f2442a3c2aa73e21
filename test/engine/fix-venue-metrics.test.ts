import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { registerFixVenueMetrics } from '../../src/engine/fix-venue-metrics.js';
import { registerVenueMetrics } from '../../src/engine/venue-metrics.js';
import { ack, child, loggedOn } from '../venues/fix/fix-harness.js';

describe('FIX venue metrics', () => {
  it('the link, duplicates dropped and rejects received reach /metrics, labelled by venue', async () => {
    const h = await loggedOn();
    const registry = new Registry();
    registerVenueMetrics(registry, h.venue.name, () => h.venue.link());
    registerFixVenueMetrics(registry, h.venue);
    h.venue.submit(child(1));
    await h.pump();
    const d = h.last('D');
    const acked = ack('a1');
    await h.report(d, acked);
    await h.report(d, acked);
    h.venue.cancel(child(1).clOrdId);
    await h.pump();
    const f = h.last('F');
    await h.send('9', {
      37: 'V',
      11: f.get(11)!,
      41: f.get(41)!,
      39: '0',
      434: '1',
      102: '1',
      58: 'no',
    });
    const text = await registry.metrics();
    expect(text).toContain('exo_venue_connected{venue="fix"} 1');
    expect(text).toContain('exo_venue_working_children{venue="fix"} 1');
    expect(text).toContain('exo_fix_duplicates_dropped_total{venue="fix"} 1');
    expect(text).toContain('exo_fix_rejects_received_total{venue="fix"} 1');
    expect(text).toContain('exo_fix_resend_requests_sent_total{venue="fix"} 0');
  });
});
