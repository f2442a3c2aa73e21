import type { CancelTimer, Clock } from '../../core/clock.js';
import { Emitter } from '../../core/emitter.js';
import type { MarketDataSink, MarketDataSubscriber } from '../../core/market-data.js';
import type { Decimal } from '../../market/decimal.js';
import { Quote } from '../../market/quote.js';
import { Trade } from '../../market/trade.js';
import { Backoff } from '../../util/backoff.js';
import { RecentIds } from '../../util/recent-ids.js';
import type { ExchangeProtocol } from './exchange-protocol.js';
import { ExchangeSocket, type SocketSettings } from './exchange-socket.js';
import { FeedSubscriptionError } from './feed-errors.js';
import type { FeedEvents, FeedExchange, FeedProblemKind } from './feed-events.js';
import { type FeedOptions, type FeedSettings, resolveFeedSettings } from './feed-options.js';
import type { FeedState } from './feed-state.js';
import { type FeedStats, newFeedStats } from './feed-stats.js';
import type { SocketOwner } from './socket-owner.js';
import { SymbolMap } from './symbol-map.js';

/** One subscribed symbol: where its data goes and what was already delivered. */
interface SymbolFeed {
  readonly exoSymbol: string;
  readonly exchangeSymbol: string;
  sink: MarketDataSink;
  /** Sequence (or time) of the last quote delivered. */
  lastOrder: number;
  readonly trades: RecentIds;
}

/**
 * An exchange's market data as the engine sees it: one connection carrying every subscribed symbol,
 * turned into Quotes and Trades for each symbol's sink. It reconnects after drops with backoff,
 * replaces stalled connections, rotates before the exchange's lifetime limit without a gap, drops
 * duplicate and out-of-order data, and reports everything it meets instead of throwing.
 */
export class FeedAdapter implements MarketDataSubscriber {
  readonly exchange: FeedExchange;
  /** Counters, for metrics: read them, never write them. */
  readonly stats: FeedStats = newFeedStats();
  readonly #protocol: ExchangeProtocol;
  readonly #settings: FeedSettings;
  readonly #socketSettings: SocketSettings;
  readonly #clock: Clock;
  readonly #symbols: SymbolMap;
  readonly #backoff: Backoff;
  readonly #listeners = new Emitter<FeedEvents>((error, event) =>
    this.#listenerFailed(error, event),
  );
  readonly #bySymbol = new Map<string, SymbolFeed>();
  readonly #byExchange = new Map<string, SymbolFeed>();
  readonly #wanted = new Set<string>();
  readonly #retiring = new Set<ExchangeSocket>();
  readonly #timers = new Set<CancelTimer>();
  readonly #owner: SocketOwner;
  #state: FeedState = 'idle';
  #stateSince: number;
  #active: ExchangeSocket | undefined;
  #successor: ExchangeSocket | undefined;
  #reconnectTimer: CancelTimer | undefined;
  #rotationTimer: CancelTimer | undefined;
  #gap: { from: number; symbols: string[] } | undefined;
  #closing: Promise<void> | undefined;

  constructor(protocol: ExchangeProtocol, options: FeedOptions = {}) {
    this.exchange = protocol.exchange;
    this.#protocol = protocol;
    this.#settings = resolveFeedSettings(protocol, options);
    this.#clock = this.#settings.clock;
    this.#stateSince = this.#clock.now();
    this.#symbols = new SymbolMap(this.#settings.symbols, (symbol) =>
      protocol.defaultExchangeSymbol(symbol),
    );
    this.#backoff = new Backoff(
      this.#settings.reconnectInitialMs,
      this.#settings.reconnectMaxMs,
      this.#settings.random,
    );
    this.#socketSettings = {
      url: this.#settings.url,
      protocol,
      stallTimeoutMs: this.#settings.stallTimeoutMs,
      keepaliveMs: this.#settings.keepaliveMs,
      controlPerSecond: this.#settings.controlPerSecond,
      controlBurst: this.#settings.controlBurst,
    };
    this.#owner = {
      clock: this.#clock,
      stats: this.stats,
      wanted: () => this.#wanted,
      live: (socket) => this.#onLive(socket),
      lost: (socket, reason) => this.#onLost(socket, reason),
      stalled: (socket) => this.#onStalled(socket),
      quote: (symbol, order, bidPx, bidQty, askPx, askQty, time) =>
        this.#deliverQuote(symbol, order, bidPx, bidQty, askPx, askQty, time),
      trade: (symbol, tradeId, px, qty, time) => this.#deliverTrade(symbol, tradeId, px, qty, time),
      pastTrade: (symbol, tradeId) => this.#byExchange.get(symbol)?.trades.add(tradeId),
      problem: (kind, text, frame) => this.#problem(kind, text, frame),
    };
  }

  /** Where the feed's connection stands now. */
  get state(): FeedState {
    return this.#state;
  }

  /** When the feed entered its current state (ms since the epoch, on the feed's clock). */
  get stateSince(): number {
    return this.#stateSince;
  }

  /** The exo symbols subscribed now. */
  symbols(): string[] {
    return [...this.#bySymbol.keys()];
  }

  /**
   * Follows state changes, problems or gaps; returns the function that stops following. A listener
   * that throws is reported as a `listener` problem and stops neither the feed nor the others.
   */
  on<K extends keyof FeedEvents>(event: K, listener: FeedEvents[K]): () => void {
    return this.#listeners.on(event, listener);
  }

  /**
   * Starts delivering `symbol`'s quotes and trades to `sink` (connecting on first use). Throws a
   * FeedSubscriptionError when the feed is closed or the exchange's symbols-per-connection limit is reached.
   */
  subscribe(symbol: string, sink: MarketDataSink): void {
    if (this.#closing !== undefined) throw new FeedSubscriptionError(symbol, 'the feed is closed');
    const existing = this.#bySymbol.get(symbol);
    if (existing !== undefined) {
      existing.sink = sink;
      return;
    }
    const exchangeSymbol = this.#symbols.toExchange(symbol);
    const clash = this.#byExchange.get(exchangeSymbol);
    if (clash !== undefined) {
      throw new FeedSubscriptionError(
        symbol,
        `${exchangeSymbol} already carries ${clash.exoSymbol}`,
      );
    }
    const limit = this.#protocol.limits.symbolsPerConnection;
    if (this.#wanted.size >= limit) {
      throw new FeedSubscriptionError(
        symbol,
        `${this.exchange} allows ${limit} symbols a connection`,
      );
    }
    const feed: SymbolFeed = {
      exoSymbol: symbol,
      exchangeSymbol,
      sink,
      lastOrder: Number.NEGATIVE_INFINITY,
      trades: new RecentIds(this.#settings.rememberTradeIds),
    };
    this.#bySymbol.set(symbol, feed);
    this.#byExchange.set(exchangeSymbol, feed);
    this.#wanted.add(exchangeSymbol);
    if (this.#active === undefined && this.#reconnectTimer === undefined) this.#connect();
    this.#pump();
  }

  /** Stops delivering `symbol`; data for it still in flight is ignored. */
  unsubscribe(symbol: string): void {
    const feed = this.#bySymbol.get(symbol);
    if (feed === undefined) return;
    this.#bySymbol.delete(symbol);
    this.#byExchange.delete(feed.exchangeSymbol);
    this.#wanted.delete(feed.exchangeSymbol);
    this.#pump();
  }

  /** Closes every connection and cancels every timer; resolves when the sockets have closed. */
  close(): Promise<void> {
    if (this.#closing !== undefined) return this.#closing;
    this.#setState('closed');
    this.#reconnectTimer?.();
    this.#rotationTimer?.();
    for (const cancel of this.#timers) cancel();
    this.#timers.clear();
    const sockets = [this.#active, this.#successor, ...this.#retiring];
    this.#active = this.#successor = undefined;
    this.#retiring.clear();
    this.#closing = Promise.all(
      sockets.flatMap((socket) => (socket === undefined ? [] : [socket.close()])),
    ).then(() => undefined);
    return this.#closing;
  }

  #connect(): void {
    this.#reconnectTimer = undefined;
    this.#active = new ExchangeSocket(this.#owner, this.#socketSettings);
    this.#setState('connecting');
  }

  #pump(): void {
    this.#active?.pump();
    this.#successor?.pump();
  }

  #onLive(socket: ExchangeSocket): void {
    if (socket === this.#successor) {
      this.#handOver(socket);
      return;
    }
    if (socket !== this.#active) return;
    this.#backoff.reset();
    this.#setState('live');
    const gap = this.#gap;
    if (gap !== undefined) {
      this.#gap = undefined;
      this.stats.gaps++;
      const to = this.#clock.now();
      this.#listeners.emit('gap', {
        exchange: this.exchange,
        symbols: gap.symbols,
        from: gap.from,
        to,
      });
    }
    this.#armRotation(socket.startedAt + (this.#settings.rotateAfterMs ?? Number.NaN));
  }

  /** The successor is live: it becomes the connection, the old one delivers a little longer, then closes. */
  #handOver(successor: ExchangeSocket): void {
    const old = this.#active;
    this.#active = successor;
    this.#successor = undefined;
    this.stats.rotations++;
    if (old !== undefined) {
      old.retire();
      this.#retiring.add(old);
      this.#after(this.#settings.rotationOverlapMs, () => {
        this.#retiring.delete(old);
        void old.close();
      });
    }
    this.#armRotation(successor.startedAt + (this.#settings.rotateAfterMs ?? Number.NaN));
  }

  #onLost(socket: ExchangeSocket, reason: string): void {
    if (this.#retiring.delete(socket)) return;
    if (socket === this.#successor) {
      this.#successor = undefined;
      this.#problem('connection', `rotation failed: ${reason}`);
      this.#armRotation(this.#clock.now() + this.#backoff.next());
      return;
    }
    if (socket !== this.#active) return;
    this.#problem('connection', reason);
    this.#replace(socket);
  }

  #onStalled(socket: ExchangeSocket): void {
    this.stats.stalls++;
    this.#problem('stall', `no data and no heartbeat for ${this.#settings.stallTimeoutMs} ms`);
    socket.terminate();
    if (this.#retiring.delete(socket)) return;
    if (socket === this.#successor) {
      this.#successor = undefined;
      this.#armRotation(this.#clock.now() + this.#backoff.next());
      return;
    }
    if (socket !== this.#active) return;
    this.#setState('stalled');
    this.#replace(socket);
  }

  /** The active connection is gone: open the gap, promote a successor or reconnect after a backoff. */
  #replace(lost: ExchangeSocket): void {
    this.#active = undefined;
    this.#rotationTimer?.();
    this.#rotationTimer = undefined;
    if (this.#closing !== undefined) return;
    if (lost.isLive && this.#wanted.size > 0 && this.#gap === undefined) {
      this.#gap = { from: this.#clock.now(), symbols: this.symbols() };
    }
    // A new connection restarts the exchange's stream: judge its quotes afresh.
    for (const feed of this.#bySymbol.values()) feed.lastOrder = Number.NEGATIVE_INFINITY;
    this.stats.reconnects++;
    const successor = this.#successor;
    if (successor !== undefined) {
      this.#successor = undefined;
      this.#active = successor;
      this.#setState('connecting');
      if (successor.isLive) this.#onLive(successor);
      return;
    }
    if (this.#wanted.size === 0) {
      this.#setState('idle');
      return;
    }
    this.#setState('reconnecting');
    const delay = this.#backoff.next();
    this.#reconnectTimer = this.#clock.setTimer(this.#clock.now() + delay, () => {
      this.#reconnectTimer = undefined;
      if (this.#closing === undefined && this.#active === undefined) this.#connect();
    });
  }

  #armRotation(at: number): void {
    this.#rotationTimer?.();
    this.#rotationTimer = undefined;
    if (Number.isNaN(at)) return;
    this.#rotationTimer = this.#clock.setTimer(at, () => {
      this.#rotationTimer = undefined;
      if (this.#closing !== undefined || this.#active === undefined) return;
      if (this.#successor !== undefined) return;
      this.#successor = new ExchangeSocket(this.#owner, this.#socketSettings);
    });
  }

  #after(ms: number, callback: () => void): void {
    const cancel = this.#clock.setTimer(this.#clock.now() + ms, () => {
      this.#timers.delete(cancel);
      callback();
    });
    this.#timers.add(cancel);
  }

  #deliverQuote(
    exchangeSymbol: string,
    order: number,
    bidPx: Decimal,
    bidQty: Decimal,
    askPx: Decimal,
    askQty: Decimal,
    time: number,
  ): void {
    const feed = this.#byExchange.get(exchangeSymbol);
    if (feed === undefined) {
      this.stats.ignored++;
      return;
    }
    const last = feed.lastOrder;
    if (order < last) {
      this.stats.outOfOrder++;
      return;
    }
    if (order === last) {
      this.stats.duplicates++;
      return;
    }
    feed.lastOrder = order;
    this.stats.quotes++;
    try {
      feed.sink.quote(new Quote(feed.exoSymbol, bidPx, bidQty, askPx, askQty, time));
    } catch (error) {
      this.#problem('sink', `quote sink for ${feed.exoSymbol} threw: ${error}`);
    }
  }

  #deliverTrade(
    exchangeSymbol: string,
    tradeId: string,
    px: Decimal,
    qty: Decimal,
    time: number,
  ): void {
    const feed = this.#byExchange.get(exchangeSymbol);
    if (feed === undefined) {
      this.stats.ignored++;
      return;
    }
    if (!feed.trades.add(tradeId)) {
      this.stats.duplicates++;
      return;
    }
    this.stats.trades++;
    try {
      feed.sink.trade(Trade.of(feed.exoSymbol, px, qty, time, tradeId));
    } catch (error) {
      this.#problem('sink', `trade sink for ${feed.exoSymbol} threw: ${error}`);
    }
  }

  #problem(kind: FeedProblemKind, text: string, frame?: string): void {
    const { stats } = this;
    if (kind === 'malformed') stats.malformed++;
    else if (kind === 'unknown') stats.unknown++;
    else if (kind === 'exchange_error') stats.exchangeErrors++;
    else if (kind === 'connection') stats.connectionErrors++;
    else if (kind === 'sink') stats.sinkErrors++;
    else if (kind === 'listener') stats.listenerErrors++;
    const problem = frame === undefined ? { kind, text } : { kind, text, frame };
    this.#listeners.emit('problem', { exchange: this.exchange, ...problem });
  }

  /**
   * A listener that threw is a `listener` problem. One that throws from `problem` is only counted:
   * reporting it would call it again.
   */
  #listenerFailed(error: unknown, event: keyof FeedEvents): void {
    if (event === 'problem') this.stats.listenerErrors++;
    else this.#problem('listener', `${event} listener threw: ${String(error)}`);
  }

  #setState(state: FeedState): void {
    if (state === this.#state) return;
    this.#state = state;
    this.#stateSince = this.#clock.now();
    this.#listeners.emit('state', state);
  }
}
