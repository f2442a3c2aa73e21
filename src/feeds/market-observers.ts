import { Emitter, type ListenerErrorHandler } from '../core/emitter.js';
import type { MarketDataSink } from '../core/market-data.js';
import type { Quote } from '../market/quote.js';
import type { Trade } from '../market/trade.js';

/** Told of an observer that threw while taking a quote or a trade. */
export type ObserverErrorHandler = ListenerErrorHandler<MarketDataSink>;

/**
 * Where an observer's error goes when its market was given nowhere to report it: thrown again
 * on a fresh stack, as an uncaught error, once the other observers have seen the tick.
 */
const rethrowLater: ObserverErrorHandler = (error) => {
  queueMicrotask(() => {
    throw error;
  });
};

/**
 * The observers of a market, seen as one sink: each event goes to every observer in turn. An
 * observer that throws is reported to `onObserverError` and keeps neither the others nor the
 * market from going on (the policy of Emitter).
 */
export class MarketObservers implements MarketDataSink {
  readonly #observers: Emitter<MarketDataSink>;

  constructor(onObserverError: ObserverErrorHandler = rethrowLater) {
    this.#observers = new Emitter<MarketDataSink>(onObserverError);
  }

  /** Adds an observer; returns the function that removes it. */
  add(observer: MarketDataSink): () => void {
    const stopQuotes = this.#observers.on('quote', (quote) => observer.quote(quote));
    const stopTrades = this.#observers.on('trade', (trade) => observer.trade(trade));
    return () => {
      stopQuotes();
      stopTrades();
    };
  }

  quote(quote: Quote): void {
    this.#observers.emit('quote', quote);
  }

  trade(trade: Trade): void {
    this.#observers.emit('trade', trade);
  }
}
