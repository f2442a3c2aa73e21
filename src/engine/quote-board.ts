import type { CancelTimer, Clock } from '../core/clock.js';
import type { Quote } from '../market/quote.js';

/** How a quote board shows quotes: how often per symbol at most, and to whom. */
export interface QuoteBoardOptions {
  readonly clock: Clock;
  /** The shortest time between two quotes of one symbol shown to watchers. */
  readonly intervalMs: number;
  /** Receives the throttled quotes. */
  readonly show: (quote: Quote) => void;
}

/**
 * Each symbol's latest quote, and a throttled view of them for people: at most one quote per
 * symbol per interval is shown, and the latest one always is (a trailing show), so a burst of
 * thousands of ticks costs watchers one message while the board never shows a stale price.
 */
export class QuoteBoard {
  /** Each symbol's board entry: one lookup per tick finds all the board keeps of it. */
  readonly #symbols = new Map<string, BoardEntry>();
  readonly #options: QuoteBoardOptions;

  constructor(options: QuoteBoardOptions) {
    this.#options = options;
  }

  /** Takes a tick: kept as the latest, shown now or at the end of the symbol's interval. */
  push(quote: Quote): void {
    const { symbol } = quote;
    let entry = this.#symbols.get(symbol);
    if (entry === undefined) {
      entry = { latest: quote, shownAt: Number.NEGATIVE_INFINITY, timer: undefined };
      this.#symbols.set(symbol, entry);
    }
    entry.latest = quote;
    if (entry.timer !== undefined) return;
    const { clock, intervalMs } = this.#options;
    const due = entry.shownAt + intervalMs;
    if (clock.now() >= due) {
      this.#show(entry);
    } else {
      const shown = entry;
      entry.timer = clock.setTimer(due, () => {
        shown.timer = undefined;
        this.#show(shown);
      });
    }
  }

  /** Whether a quote of `symbol` has arrived at all. */
  has(symbol: string): boolean {
    return this.#symbols.has(symbol);
  }

  /** The latest quote of `symbol`, if any arrived: the touch the risk checks price against. */
  quote(symbol: string): Quote | undefined {
    return this.#symbols.get(symbol)?.latest;
  }

  /** Every symbol's latest quote. */
  latest(): Quote[] {
    return Array.from(this.#symbols.values(), (entry) => entry.latest);
  }

  /** Cancels pending shows. */
  close(): void {
    for (const entry of this.#symbols.values()) {
      entry.timer?.();
      entry.timer = undefined;
    }
  }

  #show(entry: BoardEntry): void {
    entry.shownAt = this.#options.clock.now();
    this.#options.show(entry.latest);
  }
}

/** What the board keeps of one symbol. */
interface BoardEntry {
  latest: Quote;
  /** When a quote of the symbol was last shown (clock time), or -Infinity. */
  shownAt: number;
  /** Cancels the trailing show pending, if one is. */
  timer: CancelTimer | undefined;
}
