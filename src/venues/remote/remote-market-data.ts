import type { MarketDataSink, MarketDataSubscriber } from '../../core/market-data.js';
import type { Quote } from '../../market/quote.js';
import type { Trade } from '../../market/trade.js';

/**
 * The standalone venue's own market data, as a MarketDataSubscriber: the venue sends every
 * symbol to every client, and this passes on only the symbols subscribed. Pricing against the
 * market the venue matches on is what lets a remote venue fill exo's orders.
 */
export class RemoteMarketData implements MarketDataSubscriber, MarketDataSink {
  readonly #sinks = new Map<string, MarketDataSink>();

  subscribe(symbol: string, sink: MarketDataSink): void {
    this.#sinks.set(symbol, sink);
  }

  unsubscribe(symbol: string): void {
    this.#sinks.delete(symbol);
  }

  quote(quote: Quote): void {
    this.#sinks.get(quote.symbol)?.quote(quote);
  }

  trade(trade: Trade): void {
    this.#sinks.get(trade.symbol)?.trade(trade);
  }
}
