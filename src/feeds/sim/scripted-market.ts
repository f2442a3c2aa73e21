import type { MarketDataSink, MarketDataSubscriber } from '../../core/market-data.js';
import type { Quote } from '../../market/quote.js';
import type { Trade } from '../../market/trade.js';
import { MarketObservers } from '../market-observers.js';
import type { Instrument } from './simulated-market.js';
import { DEFAULT_SYMBOLS, type SimulatedSymbol, symbolSpec } from './simulated-symbol.js';
import { UnknownSymbolError } from './unknown-symbol-error.js';

/**
 * A market that says only what it is told: tests (and demos) publish quotes and trades by hand,
 * and it delivers them, synchronously, to the symbol's subscriber and to every observer. It has
 * the same surface as SimulatedMarket, so a paper venue or the dispatcher can run on it.
 */
export class ScriptedMarket implements MarketDataSubscriber {
  readonly #instruments = new Map<string, Instrument>();
  readonly #sinks = new Map<string, MarketDataSink>();
  readonly #quotes = new Map<string, Quote>();
  readonly #observers = new MarketObservers();
  readonly #watchers = new Map<string, number>();

  constructor(symbols: readonly SimulatedSymbol[] = DEFAULT_SYMBOLS) {
    for (const config of symbols) {
      const { symbol, tick, lot } = symbolSpec(config);
      this.#instruments.set(symbol, { symbol, tick, lot });
    }
  }

  /** Sets the symbol's subscriber; throws UnknownSymbolError. */
  subscribe(symbol: string, sink: MarketDataSink): void {
    this.#instrument(symbol);
    this.#sinks.set(symbol, sink);
  }

  /** Stops delivering the symbol to its subscriber; unknown symbols are ignored. */
  unsubscribe(symbol: string): void {
    this.#sinks.delete(symbol);
  }

  /** Whether the symbol has a subscriber, for tests of who subscribes when. */
  subscribed(symbol: string): boolean {
    return this.#sinks.has(symbol);
  }

  /** Counts interest in a symbol (see `watchers`) until the returned release; throws UnknownSymbolError. */
  watch(symbol: string): () => void {
    this.#instrument(symbol);
    this.#watchers.set(symbol, this.watchers(symbol) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#watchers.set(symbol, this.watchers(symbol) - 1);
    };
  }

  /** How many watches are held on a symbol, for tests of a venue's interest. */
  watchers(symbol: string): number {
    return this.#watchers.get(symbol) ?? 0;
  }

  /** Sends every published quote and trade to `observer`, until the returned stop. */
  observe(observer: MarketDataSink): () => void {
    return this.#observers.add(observer);
  }

  /** The last quote published for the symbol, if any. */
  quote(symbol: string): Quote | undefined {
    return this.#quotes.get(symbol);
  }

  /** The symbol's tick and lot, or undefined for a symbol not listed. */
  instrument(symbol: string): Instrument | undefined {
    return this.#instruments.get(symbol);
  }

  /** Makes `quote` the symbol's top of book and delivers it; throws UnknownSymbolError. */
  publishQuote(quote: Quote): void {
    this.#instrument(quote.symbol);
    this.#quotes.set(quote.symbol, quote);
    this.#sinks.get(quote.symbol)?.quote(quote);
    this.#observers.quote(quote);
  }

  /** Delivers a print; throws UnknownSymbolError. */
  publishTrade(trade: Trade): void {
    this.#instrument(trade.symbol);
    this.#sinks.get(trade.symbol)?.trade(trade);
    this.#observers.trade(trade);
  }

  #instrument(symbol: string): Instrument {
    const instrument = this.#instruments.get(symbol);
    if (instrument === undefined)
      throw new UnknownSymbolError(symbol, [...this.#instruments.keys()]);
    return instrument;
  }
}
