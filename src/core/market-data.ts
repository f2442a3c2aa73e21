import type { Quote } from '../market/quote.js';
import type { Trade } from '../market/trade.js';

/** Where market data goes: the dispatcher is one, so a feed never needs to know more. */
export interface MarketDataSink {
  quote(quote: Quote): void;
  trade(trade: Trade): void;
}

/**
 * A source of market data (a simulated market, a venue feed). The dispatcher subscribes a symbol
 * when its first order arrives and unsubscribes it when its last order completes.
 * Either call may be async; a failure is reported as an engine error, never thrown at an order.
 */
export interface MarketDataSubscriber {
  subscribe(symbol: string, sink: MarketDataSink): void | Promise<void>;
  unsubscribe(symbol: string): void | Promise<void>;
}
