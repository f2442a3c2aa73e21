import type { ExchangeProtocol } from '../connection/exchange-protocol.js';
import { parseBinanceFrame } from './binance-parser.js';

/**
 * The Binance spot websocket streams (wss://stream.binance.com:9443/stream, combined streams).
 * Documented limits: 5 incoming messages a second per connection (pings and pongs included: this
 * feed sends 4 at most), 1024 streams per connection (two per symbol here), a connection lasts
 * 24 h, and the server pings (answered by `ws` automatically); a ping frame is sent when quiet.
 */
export const binanceProtocol: ExchangeProtocol = {
  exchange: 'binance',
  defaultUrl: 'wss://stream.binance.com:9443/stream',
  limits: {
    controlPerSecond: 4,
    controlBurst: 4,
    symbolsPerMessage: 100,
    symbolsPerConnection: 512,
    lifetimeMs: 24 * 60 * 60_000,
  },
  keepalive: { kind: 'ping-frame' },
  defaultSymbols: { 'BTC-USD': 'BTCUSDT', 'ETH-USD': 'ETHUSDT' },
  defaultExchangeSymbol: (symbol) => symbol.replace(/[-/]/g, '').toUpperCase(),
  subscribeMessage: (symbols, id) => request('SUBSCRIBE', symbols, id),
  unsubscribeMessage: (symbols, id) => request('UNSUBSCRIBE', symbols, id),
  newParser: () => parseBinanceFrame,
};

/** Stream names are lowercase: `btcusdt@bookTicker`, `btcusdt@trade`. */
function request(method: string, symbols: readonly string[], id: number): string {
  const params = symbols.flatMap((symbol) => {
    const stream = symbol.toLowerCase();
    return [`${stream}@bookTicker`, `${stream}@trade`];
  });
  return JSON.stringify({ method, params, id });
}
