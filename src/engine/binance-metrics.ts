import { Gauge, type Registry } from 'prom-client';
import type { BinanceVenueState } from '../venues/binance/binance-state.js';
import { scrapedCounter } from './scraped-counter.js';

/**
 * What the Binance adapter adds to the venue metrics (its link, rate limits and a 418's stop are
 * `exo_venue_*`, see registerVenueMetrics), read when scraped: the clock offset, and counters of
 * rotations, unknown outcomes, reconciliations, duplicates dropped and requests held back.
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
    'exo_binance_clock_offset_ms',
    "Binance's clock minus exo's, as last measured.",
    (s) => s.clockOffsetMs,
  );
  const counter = (name: string, help: string, value: (state: BinanceVenueState) => number) =>
    scrapedCounter(registry, name, help, () => value(read()), {});
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
