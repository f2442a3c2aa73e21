import type { MarketDataSink } from '../core/market-data.js';
import type { Quote } from '../market/quote.js';
import type { Trade } from '../market/trade.js';

/** The observers of a market, seen as one sink: each event goes to every observer in turn. */
export class MarketObservers implements MarketDataSink {
  readonly #observers = new Set<MarketDataSink>();

  /** Adds an observer; returns the function that removes it. */
  add(observer: MarketDataSink): () => void {
    const entry = {
      quote: (q: Quote) => observer.quote(q),
      trade: (t: Trade) => observer.trade(t),
    };
    this.#observers.add(entry);
    return () => {
      this.#observers.delete(entry);
    };
  }

  quote(quote: Quote): void {
    for (const observer of this.#observers) observer.quote(quote);
  }

  trade(trade: Trade): void {
    for (const observer of this.#observers) observer.trade(trade);
  }
}
