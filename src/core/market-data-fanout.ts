import type { Quote } from '../market/quote.js';
import type { Trade } from '../market/trade.js';
import { Fifo } from './fifo.js';
import type { DispatcherStats } from './stats.js';
import { SymbolTicks } from './symbol-ticks.js';
import { marketNews, type Update } from './update.js';

/** What the fan-out delivers to: an order's process, as far as market data goes. */
export interface MarketDataReceiver {
  readonly order: { readonly symbol: string };
  /**
   * A drain's news of the symbol, in one call: its latest quote, its trades aggregated, as one
   * update shared by every receiver of the symbol (see marketNews).
   */
  marketData(news: Update<never>): void;
  /** The symbol's last quote, for a receiver that joined after it was delivered. */
  quote(quote: Quote): void;
}

/** When a fan-out drains, and how much it delivers before it yields. */
export interface MarketDataFanoutOptions {
  readonly stats: DispatcherStats;
  /** Schedules a drain; setImmediate (after the current I/O) by default. */
  readonly scheduleDrain?: (drain: () => void) => void;
  /** Deliveries (ticks times the orders of their symbol) per drain before yielding. */
  readonly drainBudget?: number;
}

const DEFAULT_DRAIN_BUDGET = 10_000;

/**
 * The dispatcher's market-data half: quotes and trades conflate per symbol (the latest quote
 * wins, trades aggregate into volume and VWAP) until a drain hands each symbol's news, in one
 * call, to every order of the symbol. A drain is scheduled, never run inside the push, so
 * instructions and reports arriving meanwhile reach orders first; it yields after its budget,
 * leaving the rest queued (still conflating, in first-arrival order), so a flood can neither
 * starve I/O nor outrun memory.
 */
export class MarketDataFanout<P extends MarketDataReceiver> {
  readonly #stats: DispatcherStats;
  readonly #scheduleDrain: (drain: () => void) => void;
  readonly #drainBudget: number;
  /** Every symbol with receivers or with news queued. */
  readonly #bySymbol = new Map<string, SymbolTicks<P>>();
  /** The symbols with news, in first-arrival order. */
  readonly #queue = new Fifo<SymbolTicks<P>>();
  #drainScheduled = false;
  /** True while a drain walks receivers: adding or removing one then copies the list. */
  #draining = false;

  constructor(options: MarketDataFanoutOptions) {
    this.#stats = options.stats;
    this.#scheduleDrain = options.scheduleDrain ?? setImmediate;
    this.#drainBudget = options.drainBudget ?? DEFAULT_DRAIN_BUDGET;
  }

  quote(quote: Quote): void {
    this.#stats.quotesIn++;
    const ticks = this.#ticks(quote.symbol);
    ticks.quote = quote;
    if (!ticks.queued) this.#enqueue(ticks);
  }

  trade(trade: Trade): void {
    this.#stats.tradesIn++;
    const ticks = this.#ticks(trade.symbol);
    ticks.addTrade(trade);
    if (!ticks.queued) this.#enqueue(ticks);
  }

  /**
   * Starts delivering to `receiver`; true when it is the first of its symbol (subscribe then).
   * A receiver joining a symbol already delivered gets its last quote now, so it need not wait
   * for the next.
   */
  add(receiver: P): boolean {
    const ticks = this.#ticks(receiver.order.symbol);
    const first = ticks.receivers.length === 0;
    if (this.#draining) ticks.receivers = [...ticks.receivers, receiver];
    else ticks.receivers.push(receiver);
    if (ticks.lastQuote !== undefined) receiver.quote(ticks.lastQuote);
    return first;
  }

  /** Stops delivering to `receiver`; true when its symbol has no receiver left (unsubscribe then). */
  remove(receiver: P): boolean {
    const { symbol } = receiver.order;
    const ticks = this.#bySymbol.get(symbol);
    const at = ticks === undefined ? -1 : ticks.receivers.indexOf(receiver);
    if (ticks === undefined || at < 0) return false;
    if (this.#draining) {
      ticks.receivers = ticks.receivers.filter((other) => other !== receiver);
    } else {
      const { receivers } = ticks;
      receivers[at] = receivers[receivers.length - 1]!;
      receivers.pop();
    }
    if (ticks.receivers.length > 0) return false;
    ticks.lastQuote = undefined;
    if (!ticks.queued) this.#bySymbol.delete(symbol);
    return true;
  }

  /** The symbols with a receiver. */
  symbols(): string[] {
    const symbols: string[] = [];
    for (const ticks of this.#bySymbol.values()) {
      if (ticks.receivers.length > 0) symbols.push(ticks.symbol);
    }
    return symbols;
  }

  #ticks(symbol: string): SymbolTicks<P> {
    let ticks = this.#bySymbol.get(symbol);
    if (ticks === undefined) {
      ticks = new SymbolTicks<P>(symbol);
      this.#bySymbol.set(symbol, ticks);
    }
    return ticks;
  }

  #enqueue(ticks: SymbolTicks<P>): void {
    ticks.queued = true;
    this.#queue.push(ticks);
    if (this.#drainScheduled) return;
    this.#drainScheduled = true;
    this.#scheduleDrain(this.#drain);
  }

  readonly #drain = (): void => {
    this.#drainScheduled = false;
    this.#draining = true;
    try {
      this.#deliver();
    } finally {
      this.#draining = false;
    }
    if (this.#queue.size > 0 && !this.#drainScheduled) {
      this.#drainScheduled = true;
      this.#scheduleDrain(this.#drain);
    }
  };

  /** Hands out queued news, oldest symbol first, until the budget is spent or nothing is left. */
  #deliver(): void {
    const stats = this.#stats;
    const queue = this.#queue;
    let budget = this.#drainBudget;
    while (budget > 0) {
      const ticks = queue.shift();
      if (ticks === undefined) return;
      const { quote, trade, receivers } = ticks;
      ticks.queued = false;
      ticks.quote = undefined;
      ticks.trade = undefined;
      let news = 0;
      if (quote !== undefined) {
        stats.quotesDispatched++;
        news++;
      }
      if (trade !== undefined) {
        stats.tradesDispatched++;
        news++;
      }
      budget -= news * receivers.length + 1;
      if (receivers.length === 0) {
        this.#bySymbol.delete(ticks.symbol);
        continue;
      }
      if (quote !== undefined) ticks.lastQuote = quote;
      const update = marketNews(quote, trade);
      for (let i = 0; i < receivers.length; i++) receivers[i]!.marketData(update);
    }
  }
}
