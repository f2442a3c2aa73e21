/** Real exchanges' market data (Coinbase, Binance) as MarketDataSubscribers for the engine. */
export { binanceProtocol } from './binance/binance-protocol.js';
export { coinbaseProtocol } from './coinbase/coinbase-protocol.js';
export type {
  ExchangeProtocol,
  FrameHandler,
  FrameParser,
} from './connection/exchange-protocol.js';
/** A feed as the command line and service use it: a FeedAdapter (state, stats, events, close). */
export type { FeedAdapter as Feed } from './connection/feed-adapter.js';
export { FeedAdapter } from './connection/feed-adapter.js';
export { FeedSubscriptionError } from './connection/feed-errors.js';
export type {
  FeedEvents,
  FeedExchange,
  FeedGap,
  FeedProblem,
  FeedProblemKind,
} from './connection/feed-events.js';
export type { FeedOptions } from './connection/feed-options.js';
export { FEED_STATES, type FeedState } from './connection/feed-state.js';
export type { FeedStats } from './connection/feed-stats.js';
export { createFeed, EXCHANGE_PROTOCOLS, FEED_EXCHANGES } from './create-feed.js';
