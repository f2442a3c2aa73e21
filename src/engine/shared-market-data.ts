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
  readonly #sinks = new Map<string, MarketDataSink>();
  /** The latest quote of each symbol subscribed upstream. */
  readonly #latest = new Map<string, Quote>();
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
    const alreadyUp = this.#sinks.has(symbol);
    this.#watched.add(symbol);
    if (!alreadyUp) await this.#upstream.subscribe(symbol, this.#relay(symbol));
  }

  subscribe(symbol: string, sink: MarketDataSink): void | Promise<void> {
    const alreadyUp = this.#sinks.has(symbol) || this.#watched.has(symbol);
    this.#sinks.set(symbol, sink);
    if (!alreadyUp) return this.#upstream.subscribe(symbol, this.#relay(symbol));
    const latest = this.#latest.get(symbol);
    if (latest !== undefined) sink.quote(latest);
  }

  unsubscribe(symbol: string): void | Promise<void> {
    if (!this.#sinks.delete(symbol) || this.#watched.has(symbol)) return;
    this.#latest.delete(symbol);
    return this.#upstream.unsubscribe(symbol);
  }

  /** Unsubscribes every symbol upstream: the watcher's and the dispatcher's. */
  async close(): Promise<void> {
    const symbols = new Set([...this.#watched, ...this.#sinks.keys()]);
    this.#watched.clear();
    this.#sinks.clear();
    this.#latest.clear();
    await Promise.all([...symbols].map((symbol) => this.#upstream.unsubscribe(symbol)));
  }

  #relay(symbol: string): MarketDataSink {
    const watcher = this.#watcher;
    const sinks = this.#sinks;
    const latest = this.#latest;
    return {
      quote: (quote: Quote): void => {
        latest.set(symbol, quote);
        this.#ticksIn++;
        watcher.quote(quote);
        sinks.get(symbol)?.quote(quote);
      },
      trade: (trade: Trade): void => {
        this.#ticksIn++;
        watcher.trade(trade);
        sinks.get(symbol)?.trade(trade);
      },
    };
  }
}
