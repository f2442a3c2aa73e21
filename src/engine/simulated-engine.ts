import { ALGO_NAMES, createAlgoFactory } from '../algos/index.js';
import type { Clock } from '../core/clock.js';
import type { MarketDataSubscriber } from '../core/market-data.js';
import { DEFAULT_SYMBOLS, SimulatedMarket } from '../feeds/sim/index.js';
import { PaperVenue } from '../venues/paper/index.js';
import type { Venue } from '../venues/venue.js';
import { newVenueRun } from '../venues/venue-run.js';
import {
  type DurabilityConfig,
  durabilityParts,
  inflightOptions,
  marketObserverErrors,
} from './durability-parts.js';
import { Engine } from './engine.js';

/** How the self-contained engine runs: which simulated symbols, how fast, how far the venue is. */
export interface SimulatedEngineConfig extends DurabilityConfig {
  readonly clock: Clock;
  /** Symbols of the simulated market to list; all of its defaults when absent. */
  readonly symbols?: readonly string[];
  /** Average quotes and trades per second per symbol. */
  readonly tickRate: number;
  /** The paper venue's one-way latency in milliseconds. */
  readonly latencyMs: number;
  /** The simulated market's seed: the same seed gives the same prices. */
  readonly seed: number;
  /** The shortest time between two quotes of one symbol shown to watchers. */
  readonly quoteIntervalMs?: number;
  /** How often stats are published to watchers. */
  readonly statsIntervalMs?: number;
  /** How long a child request may go unanswered before the venue is asked about it. */
  readonly inflightTimeoutMs?: number;
  /**
   * Trade against this venue (a RemoteVenue to a standalone `exo venue`, which owns matching)
   * instead of a paper venue in process.
   */
  readonly venue?: Venue;
  /**
   * The market data to trade on, with `venue`: the standalone venue's own (RemoteVenue.marketData),
   * so that algorithms price against the market the venue matches on.
   */
  readonly marketData?: MarketDataSubscriber;
}

/** A symbol the simulated market does not list, named with those it does. */
export class UnknownSimulatedSymbolError extends Error {
  override readonly name = 'UnknownSimulatedSymbolError';
}

/**
 * The embedded default: a simulated market, a paper venue matching against it, and the reference
 * algorithms (take, peg, twap), each child on the symbol's tick and lot grids.
 */
export function createSimulatedEngine(config: SimulatedEngineConfig): Engine {
  const { clock } = config;
  const listed = config.symbols ?? DEFAULT_SYMBOLS.map((spec) => spec.symbol);
  const known = DEFAULT_SYMBOLS.map((spec) => spec.symbol);
  const unknown = listed.filter((symbol) => !known.includes(symbol));
  if (unknown.length > 0) {
    throw new UnknownSimulatedSymbolError(
      `symbols: the simulated market does not list ${unknown.join(', ')} (it lists ${known.join(', ')})`,
    );
  }
  const market = new SimulatedMarket({
    clock,
    seed: config.seed,
    tickRate: config.tickRate,
    symbols: DEFAULT_SYMBOLS.filter((spec) => listed.includes(spec.symbol)),
    onObserverError: marketObserverErrors(config),
  });
  // Each start is a new run of the paper venue: its exec IDs and sequences are not an earlier run's.
  const venue =
    config.venue ??
    new PaperVenue({ market, clock, latencyMs: config.latencyMs, ...newVenueRun(clock.now()) });
  return new Engine({
    clock,
    marketData: config.marketData ?? market,
    venue,
    createFactory: (listener, journaledVenue, resolved) =>
      createAlgoFactory({
        venue: journaledVenue,
        listener,
        onResolved: resolved,
        inflight: inflightOptions(config.inflightTimeoutMs),
        instruments: (symbol) => {
          const instrument = market.instrument(symbol);
          return instrument === undefined
            ? undefined
            : { tickSize: instrument.tick, lotSize: instrument.lot };
        },
      }),
    algos: ALGO_NAMES,
    symbols: listed,
    closeMarketData: () => market.close(),
    ...(config.quoteIntervalMs === undefined ? {} : { quoteIntervalMs: config.quoteIntervalMs }),
    ...(config.statsIntervalMs === undefined ? {} : { statsIntervalMs: config.statsIntervalMs }),
    ...durabilityParts(config),
  });
}
