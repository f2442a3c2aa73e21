import type { MarketDataSink, MarketDataSubscriber } from '../core/market-data.js';
import type { Quote } from '../market/quote.js';
import type { Trade } from '../market/trade.js';

/**
 * One upstream subscription per symbol shared by the dispatcher and a watcher (the quote board).
 * Watched symbols stay subscribed for good, so people see every symbol's prices; the dispatcher
 * still subscribes and unsubscribes as its orders come and go, through this, as usual. A
 * dispatcher subscribing a symbol already up gets its latest quote at once, as an exchange sends
 * a snapshot on subscribe, so its first order need not wait for the next tick.
 */
export class SharedMarketData implements MarketDataSubscriber {
  readonly #upstream: MarketDataSubscriber;
  readonly #watcher: MarketDataSink;
  readonly #watched = new Set<string>();
  /**
   * Each symbol subscribed upstream, with the dispatcher's sink if it subscribed and the latest
   * quote: the relay holds its symbol's entry, so a tick costs no lookup.
   */
  readonly #upstreams = new Map<string, Upstream>();
  #ticksIn = 0;

  constructor(upstream: MarketDataSubscriber, watcher: MarketDataSink) {
    this.#upstream = upstream;
    this.#watcher = watcher;
  }

  /**
   * Quotes and trades received upstream on every symbol, whether or not an order wants them: what
   * the market sent, where the dispatcher's counters see only its orders' symbols.
   */
  get ticksIn(): number {
    return this.#ticksIn;
  }

  /** Subscribes a symbol upstream for good, for the watcher. */
  async watch(symbol: string): Promise<void> {
    if (this.#watched.has(symbol)) return;
    this.#watched.add(symbol);
    if (!this.#upstreams.has(symbol)) await this.#upstream.subscribe(symbol, this.#relay(symbol));
  }

  subscribe(symbol: string, sink: MarketDataSink): void | Promise<void> {
    const up = this.#upstreams.get(symbol);
    if (up === undefined) return this.#upstream.subscribe(symbol, this.#relay(symbol, sink));
    up.sink = sink;
    if (up.latest !== undefined) sink.quote(up.latest);
  }

  unsubscribe(symbol: string): void | Promise<void> {
    const up = this.#upstreams.get(symbol);
    if (up?.sink === undefined) return;
    up.sink = undefined;
    if (this.#watched.has(symbol)) return;
    this.#upstreams.delete(symbol);
    return this.#upstream.unsubscribe(symbol);
  }

  /** Unsubscribes every symbol upstream: the watcher's and the dispatcher's. */
  async close(): Promise<void> {
    const symbols = [...this.#upstreams.keys()];
    this.#watched.clear();
    for (const up of this.#upstreams.values()) up.sink = undefined;
    this.#upstreams.clear();
    await Promise.all(symbols.map((symbol) => this.#upstream.unsubscribe(symbol)));
  }

  /** A symbol's entry, kept from now on, and the sink that feeds it from upstream. */
  #relay(symbol: string, sink?: MarketDataSink): MarketDataSink {
    const up: Upstream = { sink, latest: undefined };
    this.#upstreams.set(symbol, up);
    const watcher = this.#watcher;
    return {
      quote: (quote: Quote): void => {
        up.latest = quote;
        this.#ticksIn++;
        watcher.quote(quote);
        up.sink?.quote(quote);
      },
      trade: (trade: Trade): void => {
        this.#ticksIn++;
        watcher.trade(trade);
        up.sink?.trade(trade);
      },
    };
  }
}

/** One symbol subscribed upstream. */
interface Upstream {
  /** The dispatcher's sink, while it subscribes the symbol. */
  sink: MarketDataSink | undefined;
  /** The latest quote, for a dispatcher subscribing again. */
  latest: Quote | undefined;
}
