import { Gauge, type Registry } from 'prom-client';
import type { VenueLink } from '../venues/venue.js';
import { scrapedCounter } from './scraped-counter.js';

/**
 * Adds a connected venue's link (Venue.link) to the service's metrics, read when scraped: whether
 * it is connected, catching up or stopped, how often it connected and found the venue restarted,
 * how many children and requests hang on it, and the use of each rate limit it publishes, so an
 * operator sees a venue that drops, restarts or is about to refuse exo.
 */
export function registerVenueMetrics(
  registry: Registry,
  venue: string,
  link: () => VenueLink,
): void {
  const labels = { venue };
  const gauge = (name: string, help: string, read: (now: VenueLink) => number): void => {
    new Gauge({
      name,
      help,
      labelNames: ['venue'],
      registers: [registry],
      collect() {
        this.set(labels, read(link()));
      },
    });
  };
  gauge('exo_venue_connected', 'Whether the link to the venue is up (1) or not (0).', (now) =>
    now.connected ? 1 : 0,
  );
  gauge(
    'exo_venue_catching_up',
    'Whether reports are held while missed ones are replayed.',
    (now) => (now.catchingUp ? 1 : 0),
  );
  gauge(
    'exo_venue_order_entry_stopped',
    'Whether the venue stopped exo sending orders (1), a ban for example, or not (0).',
    (now) => (now.stopped === undefined ? 0 : 1),
  );
  gauge(
    'exo_venue_working_children',
    'Children sent to the venue and not seen to end.',
    (now) => now.working,
  );
  gauge(
    'exo_venue_unconfirmed_requests',
    'Requests and queries the venue has not answered.',
    (now) => now.unconfirmed,
  );
  const rateGauge = (name: string, help: string, read: 'used' | 'limit'): void => {
    new Gauge({
      name,
      help,
      labelNames: ['venue', 'limit'],
      registers: [registry],
      collect() {
        this.reset();
        for (const rate of link().rateLimits ?? []) {
          this.set({ venue, limit: rate.name }, rate[read]);
        }
      },
    });
  };
  rateGauge(
    'exo_venue_rate_limit_used',
    "What exo used of each of the venue's rate limits in its current window.",
    'used',
  );
  rateGauge('exo_venue_rate_limit', "Each of the venue's rate limits.", 'limit');
  scrapedCounter(
    registry,
    'exo_venue_connections_total',
    'Connections opened to the venue.',
    () => link().connections,
    labels,
  );
  scrapedCounter(
    registry,
    'exo_venue_restarts_total',
    'Reconnections that found the venue restarted.',
    () => link().restarts,
    labels,
  );
}
