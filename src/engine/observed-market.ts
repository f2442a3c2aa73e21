import type { MarketDataSink, MarketDataSubscriber } from '../core/market-data.js';
import { MarketObservers, type ObserverErrorHandler } from '../feeds/market-observers.js';
import type { Quote } from '../market/quote.js';
import type { Trade } from '../market/trade.js';
import type { PaperInstrument, PaperMarket } from '../venues/paper/paper-market.js';

/**
 * A live feed seen as a market a paper venue can match against: it passes subscriptions through,
 * keeps each symbol's latest quote and shows every tick to observers. A feed does not say a
 * symbol's tick and lot, so every listed symbol gets the same fine grid.
 */
export class ObservedMarket implements MarketDataSubscriber, PaperMarket {
  readonly #upstream: MarketDataSubscriber;
  readonly #symbols: ReadonlySet<string>;
  readonly #grid: PaperInstrument;
  readonly #latest = new Map<string, Quote>();
  readonly #observers: MarketObservers;

  /** `onObserverError` is told of an observer that threw: the tick still reaches the rest. */
  constructor(
    upstream: MarketDataSubscriber,
    symbols: readonly string[],
    grid: PaperInstrument,
    onObserverError: ObserverErrorHandler,
  ) {
    this.#observers = new MarketObservers(onObserverError);
    this.#upstream = upstream;
    this.#symbols = new Set(symbols);
    this.#grid = grid;
  }

  subscribe(symbol: string, sink: MarketDataSink): void | Promise<void> {
    const latest = this.#latest;
    const observers = this.#observers;
    return this.#upstream.subscribe(symbol, {
      quote(quote: Quote): void {
        latest.set(quote.symbol, quote);
        observers.quote(quote);
        sink.quote(quote);
      },
      trade(trade: Trade): void {
        observers.trade(trade);
        sink.trade(trade);
      },
    });
  }

  unsubscribe(symbol: string): void | Promise<void> {
    return this.#upstream.unsubscribe(symbol);
  }

  instrument(symbol: string): PaperInstrument | undefined {
    return this.#symbols.has(symbol) ? this.#grid : undefined;
  }

  quote(symbol: string): Quote | undefined {
    return this.#latest.get(symbol);
  }

  observe(observer: MarketDataSink): () => void {
    return this.#observers.add(observer);
  }
}
