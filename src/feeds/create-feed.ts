import { binanceProtocol } from './binance/binance-protocol.js';
import { bitmexProtocol } from './bitmex/bitmex-protocol.js';
import { coinbaseProtocol } from './coinbase/coinbase-protocol.js';
import { FeedAdapter } from './connection/feed-adapter.js';
import type { FeedVenue } from './connection/feed-events.js';
import type { FeedOptions } from './connection/feed-options.js';
import type { VenueProtocol } from './connection/venue-protocol.js';

/** Each venue's protocol, by the name the command line uses (`--feed coinbase`). */
export const VENUE_PROTOCOLS: Readonly<Record<FeedVenue, VenueProtocol>> = {
  coinbase: coinbaseProtocol,
  binance: binanceProtocol,
  bitmex: bitmexProtocol,
};

/** The names `createFeed` accepts. */
export const FEED_VENUES: readonly FeedVenue[] = ['coinbase', 'binance', 'bitmex'];

/**
 * A market data feed for a venue, ready to hand to a Dispatcher as its `marketData`: it connects on
 * the first subscription. `options.url` points it elsewhere (a local server); `options.symbols`
 * maps exo symbols to the venue's. Throws a TypeError for an unknown venue name.
 */
export function createFeed(name: FeedVenue, options: FeedOptions = {}): FeedAdapter {
  const protocol = Object.hasOwn(VENUE_PROTOCOLS, name) ? VENUE_PROTOCOLS[name] : undefined;
  if (protocol === undefined) {
    throw new TypeError(`unknown feed ${JSON.stringify(name)}: expected ${FEED_VENUES.join(', ')}`);
  }
  return new FeedAdapter(protocol, options);
}
