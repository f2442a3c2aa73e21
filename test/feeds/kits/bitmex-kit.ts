import type { ExchangeBehaviour, ServerConnection } from '../exchange-server.js';
import { type ExchangeKit, fixture } from './exchange-kit.js';

const WELCOME = fixture('bitmex/welcome.json');
const QUOTE_PARTIAL = fixture('bitmex/quote-partial.json');
const TRADE_PARTIAL = fixture('bitmex/trade-partial.json');

const SYMBOLS: Record<string, string> = { 'BTC-USD': 'XBTUSD', 'ETH-USD': 'ETHUSD' };

/** BitMEX realtime: `quote:` and `trade:` tables, per-topic success replies, `ping`/`pong`. */
export const bitmexKit: ExchangeKit = {
  exchange: 'bitmex',
  exchangeSymbol: (symbol) => SYMBOLS[symbol] ?? symbol.replace('-', ''),
  quoteOrder: 'time',
  sendsKeepalive: true,
  tradeCarriesQuote: false,
  behaviour: bitmexBehaviour,
  // Prices are JSON numbers on BitMEX: written into the text as digits, never through a float.
  quoteFrame: (symbol, order, bidPx = '100.5') =>
    `{"table":"quote","action":"insert","data":[{"timestamp":"${iso(order)}","symbol":"${symbol}","bidSize":100,"bidPrice":${bidPx},"askPrice":101,"askSize":200}]}`,
  tradeFrame: (symbol, id, px = '100.75') =>
    `{"table":"trade","action":"insert","data":[{"timestamp":"${iso(id)}","symbol":"${symbol}","side":"Buy","size":2,"price":${px},"tickDirection":"PlusTick","trdMatchID":"00000000-0000-0000-0000-${String(id).padStart(12, '0')}","grossValue":2000,"homeNotional":0.02,"foreignNotional":2}]}`,
  heartbeatFrame: () => undefined,
  errorFrame: (text) =>
    JSON.stringify({ status: 400, error: text, meta: {}, request: { op: 'subscribe' } }),
  unknownFrame: () => JSON.stringify({ table: 'funding', action: 'insert', data: [] }),
  wrongTypeFrame: (symbol) =>
    `{"table":"quote","action":"insert","data":[{"timestamp":"${iso(1)}","symbol":"${symbol}","bidSize":100,"bidPrice":"cheap","askPrice":101,"askSize":200}]}`,
  subscription: (text) => {
    if (!text.startsWith('{')) return undefined;
    const message = JSON.parse(text);
    if (message.op !== 'subscribe' && message.op !== 'unsubscribe') return undefined;
    const symbols = new Set<string>(
      (message.args as string[]).map((arg) => arg.split(':')[1] ?? ''),
    );
    return { op: message.op, symbols: [...symbols] };
  },
};

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function bitmexBehaviour(): ExchangeBehaviour {
  return {
    connected: (connection: ServerConnection) => connection.send(JSON.stringify(WELCOME)),
    received: (connection: ServerConnection, text: string) => {
      if (text === 'ping') {
        connection.send('pong');
        return;
      }
      let request: { op?: unknown; args?: unknown };
      try {
        request = JSON.parse(text);
      } catch {
        connection.send(
          JSON.stringify({ status: 400, error: 'Unable to parse request.', meta: {} }),
        );
        return;
      }
      const args = Array.isArray(request.args)
        ? (request.args as string[])
        : [request.args as string];
      for (const arg of args) {
        const [table, symbol = ''] = String(arg).split(':');
        if (table !== 'quote' && table !== 'trade') {
          connection.send(
            JSON.stringify({ status: 400, error: `Unknown table: ${table}`, meta: {}, request }),
          );
          continue;
        }
        if (request.op === 'subscribe') {
          connection.subscribed.add(symbol);
          connection.send(JSON.stringify({ success: true, subscribe: arg, request }));
          connection.send(JSON.stringify(partial(table, symbol)));
        } else {
          connection.subscribed.delete(symbol);
          connection.send(JSON.stringify({ success: true, unsubscribe: arg, request }));
        }
      }
    },
  };
}

/** The image BitMEX sends on subscribing: no quote yet, one past trade (which must not be delivered). */
function partial(table: 'quote' | 'trade', symbol: string): Record<string, unknown> {
  if (table === 'quote') return { ...QUOTE_PARTIAL, filter: { symbol }, data: [] };
  const past = (TRADE_PARTIAL.data as Record<string, unknown>[])[0];
  return {
    ...TRADE_PARTIAL,
    filter: { symbol },
    data: [{ ...past, symbol, trdMatchID: `past-${symbol}` }],
  };
}
