import type { ExchangeBehaviour, ServerConnection } from '../exchange-server.js';
import { type ExchangeKit, fixture } from './exchange-kit.js';

const BOOK_TICKER = fixture('binance/bookTicker.json');
const TRADE = fixture('binance/trade.json');

/** Binance's documented limit: more incoming messages than this in a second and it disconnects. */
export const BINANCE_MESSAGES_PER_SECOND = 5;

const SYMBOLS: Record<string, string> = { 'BTC-USD': 'BTCUSDT', 'ETH-USD': 'ETHUSDT' };

/** Binance spot combined streams: `<symbol>@bookTicker` and `<symbol>@trade`, SUBSCRIBE with ids. */
export const binanceKit: ExchangeKit = {
  exchange: 'binance',
  exchangeSymbol: (symbol) => SYMBOLS[symbol] ?? symbol.replace('-', ''),
  sendsKeepalive: true,
  tradeCarriesQuote: false,
  behaviour: binanceBehaviour,
  quoteFrame: (symbol, order, bidPx = '100.5') =>
    combined(symbol, 'bookTicker', { ...BOOK_TICKER, s: symbol, u: order, b: bidPx, a: '101' }),
  tradeFrame: (symbol, id, px = '100.75') =>
    combined(symbol, 'trade', { ...TRADE, s: symbol, t: id, p: px, q: '2' }),
  heartbeatFrame: () => undefined,
  errorFrame: (text) => JSON.stringify({ code: 2, msg: text, id: null }),
  unknownFrame: () => combined('BTCUSDT', 'kline_1m', { e: 'kline', E: 1, s: 'BTCUSDT', k: {} }),
  wrongTypeFrame: (symbol) =>
    combined(symbol, 'bookTicker', { ...BOOK_TICKER, s: symbol, u: 1, b: 25.3519 }),
  subscription: (text) => {
    const message = JSON.parse(text);
    if (message.method !== 'SUBSCRIBE' && message.method !== 'UNSUBSCRIBE') return undefined;
    const symbols = new Set<string>((message.params as string[]).map(streamSymbol));
    return {
      op: message.method === 'SUBSCRIBE' ? 'subscribe' : 'unsubscribe',
      symbols: [...symbols],
    };
  },
};

function combined(symbol: string, stream: string, data: Record<string, unknown>): string {
  return JSON.stringify({ stream: `${symbol.toLowerCase()}@${stream}`, data });
}

function streamSymbol(stream: string): string {
  return (stream.split('@')[0] ?? '').toUpperCase();
}

function binanceBehaviour(): ExchangeBehaviour {
  return {
    messagesPerSecond: BINANCE_MESSAGES_PER_SECOND,
    connected: () => {},
    received: (connection: ServerConnection, text: string) => {
      let message: { method?: unknown; params?: unknown; id?: unknown };
      try {
        message = JSON.parse(text);
      } catch {
        connection.send(
          JSON.stringify({ code: 3, msg: 'Invalid JSON: expected value at line 1 column 1' }),
        );
        return;
      }
      const params = Array.isArray(message.params) ? (message.params as string[]) : [];
      if (message.method === 'SUBSCRIBE') {
        for (const stream of params) connection.subscribed.add(streamSymbol(stream));
      } else if (message.method === 'UNSUBSCRIBE') {
        for (const stream of params) connection.subscribed.delete(streamSymbol(stream));
      } else {
        connection.send(
          JSON.stringify({
            code: 2,
            msg: `Invalid request: unknown variant ${String(message.method)}`,
            id: message.id,
          }),
        );
        return;
      }
      connection.send(JSON.stringify({ result: null, id: message.id }));
    },
  };
}
