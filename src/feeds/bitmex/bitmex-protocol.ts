import type { ExchangeProtocol } from '../connection/exchange-protocol.js';
import { newBitmexParser } from './bitmex-parser.js';

/**
 * The BitMEX realtime websocket (wss://ws.bitmex.com/realtime), tables `quote:<symbol>` and
 * `trade:<symbol>`. BitMEX documents no rate limit on subscriptions once connected (this feed still
 * paces them at 10 a second) and asks clients to send `ping` when quiet for 5 s and to reconnect when
 * no `pong` follows: the keep-alive and the stall timeout do exactly that.
 */
export const bitmexProtocol: ExchangeProtocol = {
  exchange: 'bitmex',
  defaultUrl: 'wss://ws.bitmex.com/realtime',
  limits: {
    controlPerSecond: 10,
    controlBurst: 10,
    symbolsPerMessage: 50,
    symbolsPerConnection: 1_000,
    lifetimeMs: undefined,
  },
  quoteOrder: 'time',
  keepalive: { kind: 'text', message: 'ping' },
  defaultSymbols: { 'BTC-USD': 'XBTUSD', 'ETH-USD': 'ETHUSD' },
  defaultExchangeSymbol: (symbol) => symbol.replace(/[-/]/g, '').toUpperCase(),
  subscribeMessage: (symbols) => request('subscribe', symbols),
  unsubscribeMessage: (symbols) => request('unsubscribe', symbols),
  newParser: newBitmexParser,
};

function request(op: 'subscribe' | 'unsubscribe', symbols: readonly string[]): string {
  return JSON.stringify({ op, args: symbols.flatMap((s) => [`quote:${s}`, `trade:${s}`]) });
}
