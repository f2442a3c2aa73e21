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
  readonly #latest = new Map<string, Quote>();
  readonly #shownAt = new Map<string, number>();
  readonly #timers = new Map<string, CancelTimer>();
  readonly #options: QuoteBoardOptions;

  constructor(options: QuoteBoardOptions) {
    this.#options = options;
  }

  /** Takes a tick: kept as the latest, shown now or at the end of the symbol's interval. */
  push(quote: Quote): void {
    const { symbol } = quote;
    this.#latest.set(symbol, quote);
    if (this.#timers.has(symbol)) return;
    const { clock, intervalMs } = this.#options;
    const due = (this.#shownAt.get(symbol) ?? Number.NEGATIVE_INFINITY) + intervalMs;
    if (clock.now() >= due) {
      this.#show(symbol);
    } else {
      this.#timers.set(
        symbol,
        clock.setTimer(due, () => {
          this.#timers.delete(symbol);
          this.#show(symbol);
        }),
      );
    }
  }

  /** Whether a quote of `symbol` has arrived at all. */
  has(symbol: string): boolean {
    return this.#latest.has(symbol);
  }

  /** The latest quote of `symbol`, if any arrived: the touch the risk checks price against. */
  quote(symbol: string): Quote | undefined {
    return this.#latest.get(symbol);
  }

  /** Every symbol's latest quote. */
  latest(): Quote[] {
    return [...this.#latest.values()];
  }

  /** Cancels pending shows. */
  close(): void {
    for (const cancel of this.#timers.values()) cancel();
    this.#timers.clear();
  }

  #show(symbol: string): void {
    const quote = this.#latest.get(symbol);
    if (quote === undefined) return;
    this.#shownAt.set(symbol, this.#options.clock.now());
    this.#options.show(quote);
  }
}
