import type { ExchangeProtocol } from '../connection/exchange-protocol.js';
import { parseCoinbaseFrame } from './coinbase-parser.js';

/** The channels every Coinbase subscription names: quotes and trades, and a per-second heartbeat. */
const CHANNELS = ['ticker', 'heartbeat'];

/**
 * The Coinbase Exchange websocket feed (wss://ws-feed.exchange.coinbase.com). Documented limits:
 * 100 client messages a second per IP; a subscribe is due within 5 s of connecting (the feed
 * connects on its first subscription); heartbeats arrive every second per product, so silence is
 * detected without pings.
 */
export const coinbaseProtocol: ExchangeProtocol = {
  exchange: 'coinbase',
  defaultUrl: 'wss://ws-feed.exchange.coinbase.com',
  limits: {
    controlPerSecond: 50,
    controlBurst: 20,
    symbolsPerMessage: 100,
    symbolsPerConnection: 1_000,
    lifetimeMs: undefined,
  },
  keepalive: undefined,
  defaultSymbols: {},
  defaultExchangeSymbol: (symbol) => symbol,
  subscribeMessage: (symbols) => request('subscribe', symbols),
  unsubscribeMessage: (symbols) => request('unsubscribe', symbols),
  newParser: () => parseCoinbaseFrame,
};

function request(type: 'subscribe' | 'unsubscribe', symbols: readonly string[]): string {
  return JSON.stringify({ type, product_ids: symbols, channels: CHANNELS });
}
