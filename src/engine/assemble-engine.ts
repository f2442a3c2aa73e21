import { ALGO_NAMES, createAlgoFactory } from '../algos/index.js';
import type { InstrumentLookup } from '../algos/instrument.js';
import type { Clock } from '../core/clock.js';
import type { MarketDataSubscriber } from '../core/market-data.js';
import { type PaperMarket, PaperVenue } from '../venues/paper/index.js';
import type { Venue } from '../venues/venue.js';
import { newVenueRun } from '../venues/venue-run.js';
import { type DurabilityConfig, durabilityParts, inflightOptions } from './durability-parts.js';
import { Engine } from './engine.js';
import type { WatchedFeed } from './feed-health.js';

/**
 * What the simulated, live-feed and remote-venue engines differ in: the market data, the venue,
 * the symbols and their grids. Everything else is wired the same way, by assembleEngine.
 */
export interface AssemblyConfig extends DurabilityConfig {
  readonly clock: Clock;
  /** The market data the algorithms price against and the quote board shows. */
  readonly marketData: MarketDataSubscriber;
  /** Closes the market data source once everything else has stopped. */
  readonly closeMarketData: () => void | Promise<void>;
  /** The exchange feeds behind the market data, for `/healthz`. */
  readonly feeds?: readonly WatchedFeed[];
  /**
   * Trade against this venue (a RemoteVenue to a standalone `exo venue`, which owns matching)
   * instead of a paper venue in process.
   */
  readonly venue?: Venue;
  /** The paper venue's market to match against and its one-way latency, when `venue` is absent. */
  readonly paper: { readonly market: PaperMarket; readonly latencyMs: number };
  /** The symbols orders may trade; each is watched for the quote board. */
  readonly symbols: readonly string[];
  /** Symbols' tick and lot sizes, so children are valid at the venue; none when absent. */
  readonly instruments?: InstrumentLookup;
  /** How long a child request may go unanswered before the venue is asked about it. */
  readonly inflightTimeoutMs?: number;
  /** The shortest time between two quotes of one symbol shown to watchers. */
  readonly quoteIntervalMs?: number;
  /** How often stats are published to watchers. */
  readonly statsIntervalMs?: number;
}

/**
 * The one place an engine on the reference algorithms (take, peg, twap) is wired: the algorithm
 * factory on the journaled venue, the durability parts, the intervals, the market data's close.
 */
export function assembleEngine(config: AssemblyConfig): Engine {
  const { clock } = config;
  // Each start is a new run of the paper venue: its exec IDs and sequences are not an earlier run's.
  const venue =
    config.venue ??
    new PaperVenue({
      market: config.paper.market,
      clock,
      latencyMs: config.paper.latencyMs,
      ...newVenueRun(clock.now()),
    });
  return new Engine({
    clock,
    marketData: config.marketData,
    venue,
    createFactory: (listener, journaledVenue, resolved) =>
      createAlgoFactory({
        venue: journaledVenue,
        listener,
        onResolved: resolved,
        inflight: inflightOptions(config.inflightTimeoutMs),
        ...(config.instruments === undefined ? {} : { instruments: config.instruments }),
      }),
    algos: ALGO_NAMES,
    symbols: config.symbols,
    closeMarketData: config.closeMarketData,
    ...(config.feeds === undefined ? {} : { feeds: config.feeds }),
    ...(config.quoteIntervalMs === undefined ? {} : { quoteIntervalMs: config.quoteIntervalMs }),
    ...(config.statsIntervalMs === undefined ? {} : { statsIntervalMs: config.statsIntervalMs }),
    ...durabilityParts(config),
  });
}
