import type { Clock } from '../../core/clock.js';
import type { MarketDataSink, MarketDataSubscriber } from '../../core/market-data.js';
import type { Decimal } from '../../market/decimal.js';
import type { Quote } from '../../market/quote.js';
import { MarketObservers, type ObserverErrorHandler } from '../market-observers.js';
import { BurstyArrivals } from './bursty-arrivals.js';
import { PriceWalk } from './price-walk.js';
import { SeededRandom, streamSeed } from './seeded-random.js';
import { DEFAULT_SYMBOLS, type SimulatedSymbol, symbolSpec } from './simulated-symbol.js';
import { SymbolTicker } from './symbol-ticker.js';
import { UnknownSymbolError } from './unknown-symbol-error.js';

/** How to build a simulated market. */
export interface SimulatedMarketOptions {
  /** Where time comes from: RealClock in the service, VirtualClock in tests. */
  readonly clock: Clock;
  /** The same seed (and the same subscriptions at the same times) gives the same ticks. Default 1. */
  readonly seed?: number;
  /** Average events (quotes and trades) per second per ticking symbol. Default 20. */
  readonly tickRate?: number;
  /** How many times the average rate bursts reach; at least 1 (no bursts). Default 20. */
  readonly burstiness?: number;
  /** Share of events that are trades rather than quotes, in [0, 1]. Default 0.25. */
  readonly tradeRatio?: number;
  /** The symbols listed. Default DEFAULT_SYMBOLS. */
  readonly symbols?: readonly SimulatedSymbol[];
  /** Told of an observer that threw; by default the error is thrown again, uncaught, on a fresh stack. */
  readonly onObserverError?: ObserverErrorHandler;
}

/** A symbol's grid, which is what a venue needs to validate orders on it. */
export interface Instrument {
  readonly symbol: string;
  readonly tick: Decimal;
  readonly lot: Decimal;
}

/**
 * A self-contained market for trying exo without a network: per symbol a random-walk book that
 * quotes and prints at a bursty rate, deterministic for a seed. Only symbols someone subscribes
 * to (or watches) tick. Besides the dispatcher's subscription it serves a paper venue: the top of
 * book of any symbol, and every quote and trade it emits to observers.
 */
export class SimulatedMarket implements MarketDataSubscriber {
  readonly #tickers = new Map<string, SymbolTicker>();
  readonly #instruments = new Map<string, Instrument>();
  readonly #observers: MarketObservers;

  constructor(options: SimulatedMarketOptions) {
    this.#observers = new MarketObservers(options.onObserverError);
    const { clock, seed = 1, tickRate = 20, burstiness = 20, tradeRatio = 0.25 } = options;
    if (!Number.isFinite(tradeRatio) || tradeRatio < 0 || tradeRatio > 1) {
      throw new RangeError(`tradeRatio must lie in [0, 1], got ${tradeRatio}`);
    }
    if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
    for (const config of options.symbols ?? DEFAULT_SYMBOLS) {
      const spec = symbolSpec(config);
      if (this.#tickers.has(spec.symbol)) {
        throw new RangeError(`simulated symbol ${spec.symbol} is listed twice`);
      }
      const random = new SeededRandom(streamSeed(seed, spec.symbol));
      const ticker = new SymbolTicker({
        walk: new PriceWalk(spec, random),
        arrivals: new BurstyArrivals(random, tickRate, burstiness, clock.now()),
        random,
        clock,
        tradeRatio,
        observers: this.#observers,
      });
      this.#tickers.set(spec.symbol, ticker);
      this.#instruments.set(spec.symbol, { symbol: spec.symbol, tick: spec.tick, lot: spec.lot });
    }
  }

  /** The symbols this market lists. */
  get symbols(): readonly string[] {
    return [...this.#tickers.keys()];
  }

  /** The symbols ticking now. */
  get ticking(): readonly string[] {
    return [...this.#tickers].filter(([, ticker]) => ticker.ticking).map(([symbol]) => symbol);
  }

  /** Starts the symbol ticking into `sink` (replacing any earlier sink); throws UnknownSymbolError. */
  subscribe(symbol: string, sink: MarketDataSink): void {
    this.#ticker(symbol).setSink(sink);
  }

  /** Stops sending the symbol to its subscriber; it stops ticking unless watched. Unknown: no-op. */
  unsubscribe(symbol: string): void {
    this.#tickers.get(symbol)?.setSink(undefined);
  }

  /**
   * Keeps a symbol ticking without a subscriber (a venue with orders resting on it), until the
   * returned release is called. Throws UnknownSymbolError.
   */
  watch(symbol: string): () => void {
    return this.#ticker(symbol).watch();
  }

  /** Sends every quote and trade of every ticking symbol to `observer`, until the returned stop. */
  observe(observer: MarketDataSink): () => void {
    return this.#observers.add(observer);
  }

  /** The symbol's current top of book, or undefined for a symbol not listed. */
  quote(symbol: string): Quote | undefined {
    return this.#tickers.get(symbol)?.latest;
  }

  /** The symbol's tick and lot, or undefined for a symbol not listed. */
  instrument(symbol: string): Instrument | undefined {
    return this.#instruments.get(symbol);
  }

  /** Stops every symbol ticking and forgets subscribers and watchers. */
  close(): void {
    for (const ticker of this.#tickers.values()) ticker.stop();
  }

  #ticker(symbol: string): SymbolTicker {
    const ticker = this.#tickers.get(symbol);
    if (ticker === undefined) throw new UnknownSymbolError(symbol, this.symbols);
    return ticker;
  }
}
