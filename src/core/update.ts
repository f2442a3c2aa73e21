import type { Order } from '../market/order.js';
import type { Quote } from '../market/quote.js';
import type { Report } from '../market/report.js';
import type { Trade } from '../market/trade.js';
import type { TradingState } from '../market/trading-state.js';

/**
 * Everything that reached an order since its delegate last decided, merged into one picture:
 * every instruction and report in arrival order, the latest quote, the aggregated trade, and
 * the wake-ups that fired. Delegates decide on whole updates so that they never act on half the news.
 */
export interface Update<T extends Order> {
  /** Replace and cancel instructions (and the new order itself, first), in arrival order. */
  readonly instructions: readonly T[];
  /** Execution reports in arrival order. */
  readonly reports: readonly Report[];
  /** The latest quote of the order's symbol, if one arrived. */
  readonly quote: Quote | undefined;
  /** Every trade that printed, aggregated: last price and size of the latest, volume and VWAP of all. */
  readonly trade: Trade | undefined;
  /** The times of requested wake-ups that fired, in time order; empty when none did. */
  readonly wakeups: readonly number[];
  /**
   * True on the first update of an order restored after a restart (see `DelegateFactory.restore`):
   * the delegate should look at the world afresh rather than wait for news.
   */
  readonly recovered: boolean;
  /**
   * The symbol's effective trading state (see TradingState), on an order's first update and
   * whenever it changed since; undefined when it did not change. It is state, not news: only the
   * latest counts. While `halted` a delegate sends nothing (its children are being cancelled for
   * it) and keeps the order working; in `reducing` only children that reduce the position pass.
   */
  readonly tradingState: TradingState | undefined;
}

const NONE: readonly never[] = Object.freeze([]);

/**
 * The mutable update an order process accumulates while its delegate is busy.
 * Arrays are allocated only when something arrives, so a market-data-only update costs one object.
 */
export class PendingUpdate<T extends Order> implements Update<T> {
  instructions: readonly T[] = NONE;
  reports: readonly Report[] = NONE;
  quote: Quote | undefined = undefined;
  trade: Trade | undefined = undefined;
  wakeups: readonly number[] = NONE;
  recovered = false;
  tradingState: TradingState | undefined = undefined;

  addInstruction(instruction: T): void {
    this.instructions = append(this.instructions, instruction);
  }

  addReport(report: Report): void {
    this.reports = append(this.reports, report);
  }

  addTrade(trade: Trade): void {
    this.trade = this.trade === undefined ? trade : this.trade.aggregate(trade);
  }

  addWakeup(time: number): void {
    const wakeups = append(this.wakeups, time);
    // Timers fire in time order, so this sort only matters when a merge interleaves two lists.
    if (wakeups.length > 1 && wakeups[wakeups.length - 2]! > time) wakeups.sort((a, b) => a - b);
    this.wakeups = wakeups;
  }
}

/**
 * A drain's news of one symbol as an update of its own: its latest quote and its trades
 * aggregated, nothing else. Built once per symbol per drain and handed, as it is, to every order of
 * the symbol whose delegate is idle, so a fan-out allocates one update per symbol rather than one
 * per order; no one changes it afterwards (an order process only ever changes its own pending one).
 */
export function marketNews(quote: Quote | undefined, trade: Trade | undefined): Update<never> {
  const news = new PendingUpdate<never>();
  news.quote = quote;
  news.trade = trade;
  return news;
}

function append<V>(list: readonly V[], item: V): V[] {
  if (list === NONE) return [item];
  const mutable = list as V[];
  mutable.push(item);
  return mutable;
}

/**
 * The update that says what `earlier` and then `later` said: instructions and reports concatenated
 * in order, the later quote and trading state, the trades aggregated, wake-ups in time order.
 * Neither input, nor anything they hold, is changed.
 */
export function mergeUpdates<T extends Order>(earlier: Update<T>, later: Update<T>): Update<T> {
  const trade =
    earlier.trade === undefined
      ? later.trade
      : later.trade === undefined
        ? earlier.trade
        : earlier.trade.aggregate(later.trade);
  return {
    instructions: [...earlier.instructions, ...later.instructions],
    reports: [...earlier.reports, ...later.reports],
    quote: later.quote ?? earlier.quote,
    trade,
    wakeups: [...earlier.wakeups, ...later.wakeups].sort((a, b) => a - b),
    recovered: earlier.recovered || later.recovered,
    tradingState: later.tradingState ?? earlier.tradingState,
  };
}
