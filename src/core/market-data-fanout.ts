import type { Quote } from '../market/quote.js';
import type { Trade } from '../market/trade.js';
import { ConflatingQueue } from './conflating-queue.js';
import type { DispatcherStats } from './stats.js';

/** What the fan-out delivers to: an order's process, as far as market data goes. */
export interface MarketDataReceiver {
  readonly order: { readonly symbol: string };
  quote(quote: Quote): void;
  trade(trade: Trade): void;
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
 * wins, trades aggregate into volume and VWAP) until a drain fans each out to every order of its
 * symbol. A drain is scheduled, never run inside the push, so instructions and reports arriving
 * meanwhile reach orders first; it yields after its budget, leaving the rest queued (still
 * conflating, in first-arrival order), so a flood can neither starve I/O nor outrun memory.
 */
export class MarketDataFanout<P extends MarketDataReceiver> {
  readonly #stats: DispatcherStats;
  readonly #scheduleDrain: (drain: () => void) => void;
  readonly #drainBudget: number;
  readonly #bySymbol = new Map<string, P[]>();
  readonly #quotes: ConflatingQueue<string, Quote>;
  readonly #trades: ConflatingQueue<string, Trade>;
  /** The last quote delivered per symbol with receivers: what a receiver added later starts from. */
  readonly #lastQuotes = new Map<string, Quote>();
  #drainScheduled = false;

  constructor(options: MarketDataFanoutOptions) {
    this.#stats = options.stats;
    this.#scheduleDrain = options.scheduleDrain ?? setImmediate;
    this.#drainBudget = options.drainBudget ?? DEFAULT_DRAIN_BUDGET;
    const onNonEmpty = (): void => this.#requestDrain();
    this.#quotes = new ConflatingQueue<string, Quote>({ key: symbolOf, onNonEmpty });
    this.#trades = new ConflatingQueue<string, Trade>({
      key: symbolOf,
      merge: aggregate,
      onNonEmpty,
    });
  }

  quote(quote: Quote): void {
    this.#stats.quotesIn++;
    this.#quotes.push(quote);
  }

  trade(trade: Trade): void {
    this.#stats.tradesIn++;
    this.#trades.push(trade);
  }

  /**
   * Starts delivering to `receiver`; true when it is the first of its symbol (subscribe then).
   * A receiver joining a symbol already delivered gets its last quote now, so it need not wait
   * for the next.
   */
  add(receiver: P): boolean {
    const { symbol } = receiver.order;
    const peers = this.#bySymbol.get(symbol);
    if (peers !== undefined) {
      peers.push(receiver);
      const last = this.#lastQuotes.get(symbol);
      if (last !== undefined) receiver.quote(last);
      return false;
    }
    this.#bySymbol.set(symbol, [receiver]);
    return true;
  }

  /** Stops delivering to `receiver`; true when its symbol has no receiver left (unsubscribe then). */
  remove(receiver: P): boolean {
    const { symbol } = receiver.order;
    const peers = this.#bySymbol.get(symbol);
    if (peers === undefined) return false;
    const at = peers.indexOf(receiver);
    if (at >= 0) {
      peers[at] = peers[peers.length - 1]!;
      peers.pop();
    }
    if (peers.length > 0) return false;
    this.#bySymbol.delete(symbol);
    this.#lastQuotes.delete(symbol);
    return true;
  }

  /** The symbols with a receiver. */
  symbols(): string[] {
    return [...this.#bySymbol.keys()];
  }

  #requestDrain(): void {
    if (this.#drainScheduled) return;
    this.#drainScheduled = true;
    this.#scheduleDrain(this.#drain);
  }

  readonly #drain = (): void => {
    this.#drainScheduled = false;
    const bySymbol = this.#bySymbol;
    const stats = this.#stats;
    let budget = this.#drainBudget;
    while (budget > 0) {
      const quote = this.#quotes.pop();
      const trade = this.#trades.pop();
      if (quote === undefined && trade === undefined) return;
      if (quote !== undefined) {
        stats.quotesDispatched++;
        const receivers = bySymbol.get(quote.symbol);
        if (receivers !== undefined) {
          this.#lastQuotes.set(quote.symbol, quote);
          for (const receiver of receivers) receiver.quote(quote);
          budget -= receivers.length;
        }
      }
      if (trade !== undefined) {
        stats.tradesDispatched++;
        const receivers = bySymbol.get(trade.symbol);
        if (receivers !== undefined) {
          for (const receiver of receivers) receiver.trade(trade);
          budget -= receivers.length;
        }
      }
      budget--;
    }
    if (this.#quotes.size > 0 || this.#trades.size > 0) this.#requestDrain();
  };
}

function symbolOf(item: { readonly symbol: string }): string {
  return item.symbol;
}

function aggregate(queued: Trade, incoming: Trade): Trade {
  return queued.aggregate(incoming);
}
