import { Gauge, type Registry } from 'prom-client';
import { scrapedCounter } from './scraped-counter.js';

/** What the venue metrics read: a connected venue's name, link and counters (RemoteVenue). */
export interface ObservableVenue {
  readonly name: string;
  readonly connected: boolean;
  readonly connections: number;
  readonly restarts: number;
  readonly working: number;
  readonly unconfirmed: number;
  readonly catchingUp: boolean;
}

/**
 * Adds a standalone venue's link to the service's metrics, read when scraped: whether it is
 * connected and catching up, how often it connected and found the venue restarted, and how many
 * children and requests hang on it, so an operator sees a venue that drops or restarts.
 */
export function registerVenueMetrics(registry: Registry, venue: ObservableVenue): void {
  const labels = { venue: venue.name };
  const gauge = (name: string, help: string, read: () => number): void => {
    new Gauge({
      name,
      help,
      labelNames: ['venue'],
      registers: [registry],
      collect() {
        this.set(labels, read());
      },
    });
  };
  gauge('exo_venue_connected', 'Whether the link to the venue is up (1) or not (0).', () =>
    venue.connected ? 1 : 0,
  );
  gauge('exo_venue_catching_up', 'Whether reports are held while missed ones are replayed.', () =>
    venue.catchingUp ? 1 : 0,
  );
  gauge('exo_venue_working_children', 'Children sent to the venue and not seen to end.', () => {
    return venue.working;
  });
  gauge(
    'exo_venue_unconfirmed_requests',
    'Requests and queries the venue has not answered.',
    () => {
      return venue.unconfirmed;
    },
  );
  scrapedCounter(
    registry,
    'exo_venue_connections_total',
    'Connections opened to the venue.',
    () => venue.connections,
    labels,
  );
  scrapedCounter(
    registry,
    'exo_venue_restarts_total',
    'Reconnections that found the venue restarted.',
    () => venue.restarts,
    labels,
  );
}
