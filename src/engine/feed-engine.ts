import { ALGO_NAMES, createAlgoFactory } from '../algos/index.js';
import type { Clock } from '../core/clock.js';
import type { FeedAdapter } from '../feeds/index.js';
import { decimal } from '../market/decimal.js';
import { PaperVenue } from '../venues/paper/index.js';
import { newVenueRun } from '../venues/venue-run.js';
import {
  type DurabilityConfig,
  durabilityParts,
  inflightOptions,
  marketObserverErrors,
} from './durability-parts.js';
import { Engine } from './engine.js';
import { registerFeedMetrics } from './feed-metrics.js';
import { ObservedMarket } from './observed-market.js';

/** How an engine on a live feed runs: the feed, its symbols, the paper venue's latency. */
export interface FeedEngineConfig extends DurabilityConfig {
  readonly clock: Clock;
  readonly feed: FeedAdapter;
  readonly symbols: readonly string[];
  readonly latencyMs: number;
  /** How long a child request may go unanswered before the venue is asked about it. */
  readonly inflightTimeoutMs?: number;
}

/** The grid assumed for a live feed's symbols, which the feed does not give: 8 decimal places. */
const FINE_GRID = { tick: decimal('0.00000001'), lot: decimal('0.00000001') };

/**
 * Real market data from an exchange's public feed, with the paper venue matching against it: exo's
 * algorithms on live prices, no money at stake.
 */
export function createFeedEngine(config: FeedEngineConfig): Engine {
  const { clock, feed } = config;
  const market = new ObservedMarket(feed, config.symbols, FINE_GRID, marketObserverErrors(config));
  // Each start is a new run of the paper venue: its exec IDs and sequences are not an earlier run's.
  const venue = new PaperVenue({
    market,
    clock,
    latencyMs: config.latencyMs,
    ...newVenueRun(clock.now()),
  });
  const engine = new Engine({
    clock,
    marketData: market,
    venue,
    createFactory: (listener, journaledVenue, resolved) =>
      createAlgoFactory({
        venue: journaledVenue,
        listener,
        onResolved: resolved,
        inflight: inflightOptions(config.inflightTimeoutMs),
      }),
    algos: ALGO_NAMES,
    symbols: config.symbols,
    closeMarketData: () => feed.close(),
    ...durabilityParts(config),
  });
  registerFeedMetrics(engine.metrics.registry, feed);
  return engine;
}
