import { Gauge, type Registry } from 'prom-client';
import { scrapedCounter } from './scraped-counter.js';

/** What the Binance metrics read (BinanceVenue.state). */
export interface BinanceVenueState {
  readonly connected: boolean;
  readonly connections: number;
  readonly rotations: number;
  readonly duplicates: number;
  readonly unknown: number;
  readonly reconciliations: number;
  readonly heldBack: number;
  readonly stopped: boolean;
  readonly clockOffsetMs: number;
  /** What is left of each rate limit in its window, by `TYPE/seconds`. */
  readonly headroom: Readonly<Record<string, number>>;
}

/**
 * The Binance adapter's link in the service's metrics, read when scraped: connected, order entry
 * stopped by a 418, rate-limit headroom, clock offset, and counters of connections, rotations,
 * unknown outcomes, reconciliations, duplicates dropped and requests held back by the limits.
 */
export function registerBinanceMetrics(registry: Registry, read: () => BinanceVenueState): void {
  const gauge = (name: string, help: string, value: (state: BinanceVenueState) => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.set(value(read()));
      },
    });
  gauge(
    'exo_binance_connected',
    'Whether the Binance WebSocket API session is up (1) or not.',
    (s) => (s.connected ? 1 : 0),
  );
  gauge(
    'exo_binance_order_entry_stopped',
    'Whether a 418 (IP banned) stopped order entry (1).',
    (s) => (s.stopped ? 1 : 0),
  );
  gauge(
    'exo_binance_clock_offset_ms',
    "Binance's clock minus exo's, as last measured.",
    (s) => s.clockOffsetMs,
  );
  new Gauge({
    name: 'exo_binance_rate_limit_headroom',
    help: 'What is left of each Binance rate limit in its current window.',
    labelNames: ['limit'],
    registers: [registry],
    collect() {
      for (const [limit, left] of Object.entries(read().headroom)) this.set({ limit }, left);
    },
  });
  const counter = (name: string, help: string, value: (state: BinanceVenueState) => number) =>
    scrapedCounter(registry, name, help, () => value(read()), {});
  counter('exo_binance_connections_total', 'WebSocket API sessions opened.', (s) => s.connections);
  counter(
    'exo_binance_rotations_total',
    'Connections rotated (serverShutdown, age).',
    (s) => s.rotations,
  );
  counter(
    'exo_binance_unknown_outcomes_total',
    'Order requests whose outcome was unknown.',
    (s) => s.unknown,
  );
  counter(
    'exo_binance_reconciliations_total',
    'REST reconciliations after a gap.',
    (s) => s.reconciliations,
  );
  counter(
    'exo_binance_duplicates_total',
    'Reports or trades seen again and dropped.',
    (s) => s.duplicates,
  );
  counter(
    'exo_binance_held_back_total',
    'Requests held back to keep within the rate limits.',
    (s) => s.heldBack,
  );
}
