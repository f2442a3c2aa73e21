import { ALGO_NAMES, createAlgoFactory } from '../algos/index.js';
import type { Clock } from '../core/clock.js';
import type { EngineError } from '../core/errors.js';
import type { FeedAdapter } from '../feeds/index.js';
import type { Journal } from '../journal/journal.js';
import type { JournalUnavailableError } from '../journal/journal-errors.js';
import { decimal } from '../market/decimal.js';
import { PaperVenue } from '../venues/paper/index.js';
import { Engine } from './engine.js';
import { ObservedMarket } from './observed-market.js';

/** How an engine on a live feed runs: the feed, its symbols, the paper venue's latency. */
export interface FeedEngineConfig {
  readonly clock: Clock;
  readonly feed: FeedAdapter;
  readonly symbols: readonly string[];
  readonly latencyMs: number;
  readonly onError?: (error: EngineError) => void;
  /** Where the engine writes ahead (see EngineParts.journal). */
  readonly journal?: Journal;
  readonly onJournalUnavailable?: (error: JournalUnavailableError) => void;
  /** How long a child request may go unanswered before the venue is asked about it. */
  readonly inflightTimeoutMs?: number;
  /** Journal rows between snapshots (see EngineParts.snapshotEveryRows). */
  readonly snapshotEveryRows?: number;
}

/** The grid assumed for a live feed's symbols, which the feed does not give: 8 decimal places. */
const FINE_GRID = { tick: decimal('0.00000001'), lot: decimal('0.00000001') };

/**
 * Real market data from a venue's public feed, with the paper venue matching against it: exo's
 * algorithms on live prices, no money at stake.
 */
export function createFeedEngine(config: FeedEngineConfig): Engine {
  const { clock, feed } = config;
  const market = new ObservedMarket(feed, config.symbols, FINE_GRID);
  const venue = new PaperVenue({ market, clock, latencyMs: config.latencyMs });
  return new Engine({
    clock,
    marketData: market,
    venue,
    createFactory: (listener, journaledVenue) =>
      createAlgoFactory({
        venue: journaledVenue,
        listener,
        ...(config.inflightTimeoutMs === undefined
          ? {}
          : { inflight: { timeoutMs: config.inflightTimeoutMs } }),
      }),
    algos: ALGO_NAMES,
    symbols: config.symbols,
    closeMarketData: () => feed.close(),
    ...(config.onError === undefined ? {} : { onError: config.onError }),
    ...(config.journal === undefined ? {} : { journal: config.journal }),
    ...(config.snapshotEveryRows === undefined
      ? {}
      : { snapshotEveryRows: config.snapshotEveryRows }),
    ...(config.onJournalUnavailable === undefined
      ? {}
      : { onJournalUnavailable: config.onJournalUnavailable }),
  });
}
