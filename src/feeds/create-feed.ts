import { binanceProtocol } from './binance/binance-protocol.js';
import { coinbaseProtocol } from './coinbase/coinbase-protocol.js';
import type { ExchangeProtocol } from './connection/exchange-protocol.js';
import { FeedAdapter } from './connection/feed-adapter.js';
import type { FeedExchange } from './connection/feed-events.js';
import type { FeedOptions } from './connection/feed-options.js';

/** Each exchange's protocol, by the name the command line uses (`--feed coinbase`). */
export const EXCHANGE_PROTOCOLS: Readonly<Record<FeedExchange, ExchangeProtocol>> = {
  coinbase: coinbaseProtocol,
  binance: binanceProtocol,
};

/** The names `createFeed` accepts. */
export const FEED_EXCHANGES: readonly FeedExchange[] = ['coinbase', 'binance'];

/**
 * A market data feed for an exchange, ready to hand to a Dispatcher as its `marketData`: it connects on
 * the first subscription. `options.url` points it elsewhere (a local server); `options.symbols`
 * maps exo symbols to the exchange's. Throws a TypeError for an unknown exchange name.
 */
export function createFeed(name: FeedExchange, options: FeedOptions = {}): FeedAdapter {
  const protocol = Object.hasOwn(EXCHANGE_PROTOCOLS, name) ? EXCHANGE_PROTOCOLS[name] : undefined;
  if (protocol === undefined) {
    throw new TypeError(
      `unknown feed ${JSON.stringify(name)}: expected ${FEED_EXCHANGES.join(', ')}`,
    );
  }
  return new FeedAdapter(protocol, options);
}
