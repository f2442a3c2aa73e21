import type { FeedAdapter } from '../feeds/index.js';
import { decimal } from '../market/decimal.js';
import { extended } from '../market/extended.js';
import { type AssemblyConfig, assembleEngine } from './assemble-engine.js';
import { type DurabilityConfig, marketObserverErrors } from './durability-parts.js';
import type { Engine } from './engine.js';
import { type FeedLogger, logFeed } from './feed-log.js';
import { registerFeedMetrics } from './feed-metrics.js';
import { ObservedMarket } from './observed-market.js';

/** How an engine on a live feed runs: the feed, its symbols, the paper venue's latency. */
export interface FeedEngineConfig
  extends DurabilityConfig,
    Pick<
      AssemblyConfig,
      | 'clock'
      | 'symbols'
      | 'inflightTimeoutMs'
      | 'limits'
      | 'venue'
      | 'instruments'
      | 'marketTap'
      | 'shard'
    > {
  readonly feed: FeedAdapter;
  /** The paper venue's one-way latency in milliseconds. */
  readonly latencyMs: number;
  /** Where the feed's state changes and problems are logged, rate-limited (see logFeed). */
  readonly logger?: FeedLogger;
}

/** The grid assumed for a live feed's symbols, which the feed does not give: 8 decimal places. */
const FINE_GRID = { tick: decimal('0.00000001'), lot: decimal('0.00000001') };

/**
 * Real market data from an exchange's public feed, with the paper venue matching against it: exo's
 * algorithms on live prices, no money at stake; or, given `venue` (Binance), orders sent to it. The feed's state shows in `/healthz` and the
 * metrics, and, given a logger, in the log.
 */
export function createFeedEngine(config: FeedEngineConfig): Engine {
  const { feed } = config;
  const market = new ObservedMarket(feed, config.symbols, FINE_GRID, marketObserverErrors(config));
  const engine = assembleEngine(
    extended(config, {
      marketData: market,
      closeMarketData: () => feed.close(),
      feeds: [feed],
      paper: { market, latencyMs: config.latencyMs },
    }),
  );
  registerFeedMetrics(engine.metrics.registry, feed);
  if (config.logger !== undefined) logFeed(feed, config.logger, { clock: config.clock });
  return engine;
}
