import type { MarketDataSubscriber } from '../core/market-data.js';
import {
  SimulatedMarket,
  simulatedSymbolsNamed,
  UnknownSimulatedSymbolError,
} from '../feeds/sim/index.js';
import { extended } from '../market/extended.js';
import { type AssemblyConfig, assembleEngine } from './assemble-engine.js';
import { type DurabilityConfig, marketObserverErrors } from './durability-parts.js';
import type { Engine } from './engine.js';

/** How the self-contained engine runs: which simulated symbols, how fast, how far the venue is. */
export interface SimulatedEngineConfig
  extends DurabilityConfig,
    Pick<
      AssemblyConfig,
      | 'clock'
      | 'venue'
      | 'inflightTimeoutMs'
      | 'quoteIntervalMs'
      | 'statsIntervalMs'
      | 'limits'
      | 'marketTap'
      | 'shard'
    > {
  /** Symbols of the simulated market to list (any BASE-QUOTE name); its defaults when absent. */
  readonly symbols?: readonly string[];
  /** Average quotes and trades per second per symbol. */
  readonly tickRate: number;
  /** The paper venue's one-way latency in milliseconds. */
  readonly latencyMs: number;
  /** The simulated market's seed: the same seed gives the same prices. */
  readonly seed: number;
  /**
   * The market data to trade on, with `venue`: the standalone venue's own (RemoteVenue.marketData),
   * so that algorithms price against the market the venue matches on.
   */
  readonly marketData?: MarketDataSubscriber;
}

export { UnknownSimulatedSymbolError };

/**
 * The symbols a simulated engine lists: `symbols`, or the simulated market's defaults when
 * absent. Any BASE-QUOTE name is listed (see simulatedSymbolNamed); throws
 * UnknownSimulatedSymbolError naming one that is not, so a command line can check them before
 * anything starts.
 */
export function simulatedSymbols(symbols?: readonly string[]): readonly string[] {
  const specs = simulatedSymbolsNamed(symbols);
  return symbols ?? specs.map((spec) => spec.symbol);
}

/**
 * The embedded default: a simulated market, a paper venue matching against it (or the given
 * venue), and the reference algorithms (take, peg, twap), each child on the symbol's tick and lot
 * grids.
 */
export function createSimulatedEngine(config: SimulatedEngineConfig): Engine {
  const { clock } = config;
  const listed = simulatedSymbols(config.symbols);
  const market = new SimulatedMarket({
    clock,
    seed: config.seed,
    tickRate: config.tickRate,
    symbols: simulatedSymbolsNamed(listed),
    onObserverError: marketObserverErrors(config),
  });
  return assembleEngine(
    extended(config, {
      marketData: config.marketData ?? market,
      closeMarketData: () => market.close(),
      paper: { market, latencyMs: config.latencyMs },
      symbols: listed,
    }),
  );
}
