import type { WebSocket } from 'ws';
import type { Quote } from '../../market/quote.js';
import type { Trade } from '../../market/trade.js';
import type { BinanceSymbols } from './binance-symbols.js';
import { amount } from './order-json.js';
import type { TradeIds } from './trade-ids.js';

/** One connection to the public market data streams, and the streams it follows. */
interface StreamClient {
  readonly socket: WebSocket;
  /** Whether payloads come wrapped as `{stream, data}` (the `/stream` endpoint). */
  readonly combined: boolean;
  readonly streams: Set<string>;
}

/**
 * The public market data streams `<symbol>@bookTicker` and `<symbol>@trade` of the simulated
 * market, in Binance's shapes (web-socket-streams.md): raw at `/ws/<stream>`, combined as
 * `{stream, data}` at `/stream?streams=<a>/<b>`, and SUBSCRIBE / UNSUBSCRIBE / LIST_SUBSCRIPTIONS
 * on either. bookTicker's `u` counts each symbol's quotes; trade IDs share the account's sequence.
 */
export class MarketStreams {
  readonly #symbols: BinanceSymbols;
  readonly #tradeIds: TradeIds;
  readonly #clients = new Set<StreamClient>();
  readonly #updateIds = new Map<string, number>();
  readonly #quotes = new Map<string, Quote>();

  constructor(symbols: BinanceSymbols, tradeIds: TradeIds) {
    this.#symbols = symbols;
    this.#tradeIds = tradeIds;
  }

  /** Serves a new connection: `path` is `/ws[/<streams>]` or `/stream`, `query` its query string. */
  accept(socket: WebSocket, path: string, query: URLSearchParams): void {
    const combined = path.startsWith('/stream');
    const named = combined
      ? (query.get('streams') ?? '')
      : decodeURIComponent(path.replace(/^\/ws\/?/, ''));
    const client: StreamClient = {
      socket,
      combined,
      streams: new Set(named.split('/').filter((name) => name !== '')),
    };
    this.#clients.add(client);
    socket.on('message', (data) => this.#control(client, String(data)));
    socket.on('close', () => this.#clients.delete(client));
  }

  /** Publishes a quote of the simulated market as a bookTicker. */
  quote(quote: Quote): void {
    const symbol = this.#symbols.byExo(quote.symbol);
    if (symbol === undefined) return;
    this.#quotes.set(symbol.binance, quote);
    const u = (this.#updateIds.get(symbol.binance) ?? 0) + 1;
    this.#updateIds.set(symbol.binance, u);
    this.#publish(`${symbol.binance.toLowerCase()}@bookTicker`, {
      u,
      s: symbol.binance,
      b: amount(quote.bidPx),
      B: amount(quote.bidQty),
      a: amount(quote.askPx),
      A: amount(quote.askQty),
    });
  }

  /** Publishes a print of the simulated market as a trade; `m` when it went at or under the bid. */
  trade(trade: Trade): void {
    const symbol = this.#symbols.byExo(trade.symbol);
    if (symbol === undefined) return;
    const quote = this.#quotes.get(symbol.binance);
    this.#publish(`${symbol.binance.toLowerCase()}@trade`, {
      e: 'trade',
      E: trade.time,
      s: symbol.binance,
      t: this.#tradeIds.next(symbol.binance),
      p: amount(trade.lastPx),
      q: amount(trade.lastQty),
      T: trade.time,
      m: quote !== undefined && trade.lastPx.lte(quote.bidPx),
      M: true,
    });
  }

  /** Disconnects every stream client. */
  closeAll(): void {
    for (const client of this.#clients) client.socket.terminate();
    this.#clients.clear();
  }

  #publish(stream: string, data: Record<string, unknown>): void {
    let raw: string | undefined;
    let wrapped: string | undefined;
    for (const client of this.#clients) {
      if (!client.streams.has(stream) || client.socket.readyState !== client.socket.OPEN) continue;
      if (client.combined) {
        wrapped ??= JSON.stringify({ stream, data });
        client.socket.send(wrapped);
      } else {
        raw ??= JSON.stringify(data);
        client.socket.send(raw);
      }
    }
  }

  /** SUBSCRIBE, UNSUBSCRIBE and LIST_SUBSCRIPTIONS, answered `{result, id}` or with an error. */
  #control(client: StreamClient, text: string): void {
    let request: { method?: unknown; params?: unknown; id?: unknown };
    try {
      request = JSON.parse(text) as typeof request;
    } catch {
      client.socket.send(JSON.stringify({ error: { code: 3, msg: 'Invalid JSON' }, id: null }));
      return;
    }
    const { method, params = [], id = null } = request ?? {};
    const names = Array.isArray(params) ? params.filter((p) => typeof p === 'string') : [];
    if (method === 'SUBSCRIBE') for (const name of names) client.streams.add(name);
    else if (method === 'UNSUBSCRIBE') for (const name of names) client.streams.delete(name);
    else if (method === 'LIST_SUBSCRIPTIONS') {
      client.socket.send(JSON.stringify({ result: [...client.streams], id }));
      return;
    } else {
      client.socket.send(
        JSON.stringify({
          error: { code: 2, msg: `Invalid request: unknown method ${String(method)}` },
          id,
        }),
      );
      return;
    }
    client.socket.send(JSON.stringify({ result: null, id }));
  }
}
