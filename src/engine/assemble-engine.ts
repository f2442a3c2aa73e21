import { ALGO_NAMES, algoParamsProblem, createAlgoFactory } from '../algos/index.js';
import type { InstrumentLookup } from '../algos/instrument.js';
import type { Clock } from '../core/clock.js';
import type { DelegateFactory } from '../core/delegate.js';
import type { MarketDataSubscriber } from '../core/market-data.js';
import type { Report } from '../market/report.js';
import type { OrderEventListener } from '../orders/order-event.js';
import type { ParentOrder } from '../orders/parent-order.js';
import type { RiskLimits } from '../risk/risk-limits.js';
import type { ShardPlace } from '../shards/shard-place.js';
import { type PaperMarket, PaperVenue } from '../venues/paper/index.js';
import type { Venue } from '../venues/venue.js';
import { newVenueRun } from '../venues/venue-run.js';
import { type DurabilityConfig, durabilityParts, inflightOptions } from './durability-parts.js';
import { Engine } from './engine.js';
import type { WatchedFeed } from './feed-health.js';

/**
 * What the simulated, live-feed and remote-venue engines differ in: the market data, the venue,
 * the symbols. Everything else is wired the same way, by assembleEngine.
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
  /**
   * The paper venue's market to match against and its one-way latency, when `venue` is absent;
   * its symbols' grids are the ones intake and the algorithms keep orders on, either way.
   */
  readonly paper: { readonly market: PaperMarket; readonly latencyMs: number };
  /** The symbols' grids when the venue knows them (Binance's filters); the paper market's otherwise. */
  readonly instruments?: InstrumentLookup;
  /** The symbols orders may trade; each is watched for the quote board. */
  readonly symbols: readonly string[];
  /** The risk limits parents (at intake) and every child (before the venue) are checked against; none without. */
  readonly limits?: RiskLimits;
  /** How long a child request may go unanswered before the venue is asked about it. */
  readonly inflightTimeoutMs?: number;
  /** Sees the market data on its way in (`exo --record`); closed after the market data. */
  readonly marketTap?: MarketTap;
  /** The shortest time between two quotes of one symbol shown to watchers. */
  readonly quoteIntervalMs?: number;
  /** How often stats are published to watchers. */
  readonly statsIntervalMs?: number;
  /** Gives each new order its ID; random unique IDs by default (a replay numbers its own). */
  readonly newOrderId?: () => string;
  /** The shard of a sharded journal the engine serves (see EngineParts.shard). */
  readonly shard?: ShardPlace;
  /** Schedules the dispatcher's market data drains; setImmediate by default (a replay runs them itself). */
  readonly scheduleDrain?: (drain: () => void) => void;
  /**
   * Builds the delegates from the reference algorithms' factory: a replay wraps it (decision
   * latency) or puts a user's factory in its place. The reference factory itself by default.
   */
  readonly delegates?: DelegatesFrom;
  /** The algorithm names intake takes, with `delegates`; the reference three by default. */
  readonly algos?: readonly string[];
}

/**
 * Builds the factory delegates come from, given the reference algorithms' own and what a factory
 * is built with: a replay's decision latency around it, or a user's factory in its place.
 */
export type DelegatesFrom = (
  reference: DelegateFactory<ParentOrder>,
  setup: DelegateSetup,
) => DelegateFactory<ParentOrder>;

/** What a delegate factory is built with: where its events, child orders and own reports go. */
export interface DelegateSetup {
  readonly listener: OrderEventListener;
  /** The journaled venue, where child orders go. */
  readonly venue: Venue;
  /** Where a report worked out for a request the venue never answered goes, to be journaled. */
  readonly resolved: (report: Report) => void;
  /** The symbols' grids. */
  readonly instruments: InstrumentLookup;
}

/** What sees an engine's market data on its way in, such as a recording, and is closed after it. */
export interface MarketTap {
  /** `source`, with what it delivers seen by the tap first. */
  tap(source: MarketDataSubscriber): MarketDataSubscriber;
  close(): void | Promise<void>;
}

/**
 * The one place an engine on the reference algorithms (take, peg, twap) is wired: the algorithm
 * factory on the journaled venue, its params check and the symbols' grids (from the paper market)
 * for intake and the algorithms, the durability parts, the intervals, the market data's close.
 */
export function assembleEngine(config: AssemblyConfig): Engine {
  const { clock, marketTap: tap } = config;
  const instruments = config.instruments ?? gridsOf(config.paper.market);
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
    marketData: tap === undefined ? config.marketData : tap.tap(config.marketData),
    venue,
    createFactory: (listener, journaledVenue, resolved) => {
      const reference = createAlgoFactory({
        venue: journaledVenue,
        listener,
        onResolved: resolved,
        inflight: inflightOptions(config.inflightTimeoutMs),
        instruments,
      });
      const setup = { listener, venue: journaledVenue, resolved, instruments };
      return config.delegates === undefined ? reference : config.delegates(reference, setup);
    },
    algos: config.algos ?? ALGO_NAMES,
    paramsProblem: algoParamsProblem,
    ...(config.newOrderId === undefined ? {} : { newOrderId: config.newOrderId }),
    ...(config.shard === undefined ? {} : { shard: config.shard }),
    ...(config.scheduleDrain === undefined ? {} : { scheduleDrain: config.scheduleDrain }),
    symbols: config.symbols,
    instruments,
    ...(config.limits === undefined ? {} : { limits: config.limits }),
    closeMarketData:
      tap === undefined
        ? config.closeMarketData
        : async () => {
            await config.closeMarketData();
            await tap.close();
          },
    ...(config.feeds === undefined ? {} : { feeds: config.feeds }),
    ...(config.quoteIntervalMs === undefined ? {} : { quoteIntervalMs: config.quoteIntervalMs }),
    ...(config.statsIntervalMs === undefined ? {} : { statsIntervalMs: config.statsIntervalMs }),
    ...durabilityParts(config),
  });
}

/** The market's grids as the algorithms and intake read them. */
function gridsOf(market: PaperMarket): InstrumentLookup {
  return (symbol) => {
    const instrument = market.instrument(symbol);
    return instrument === undefined
      ? undefined
      : { tickSize: instrument.tick, lotSize: instrument.lot };
  };
}
