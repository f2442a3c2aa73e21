import type { CancelTimer, Clock } from '../../core/clock.js';
import type { MarketDataSink } from '../../core/market-data.js';
import type { Quote } from '../../market/quote.js';
import type { BurstyArrivals } from './bursty-arrivals.js';
import type { PriceWalk } from './price-walk.js';
import type { SeededRandom } from './seeded-random.js';

/**
 * Most events one timer emits: after a long stall (a suspended laptop) the ticker skips ahead
 * instead of replaying hours of ticks at once.
 */
const MAX_EVENTS_PER_BATCH = 10_000;

/** What one symbol's ticker needs from its market. */
export interface TickerParts {
  readonly walk: PriceWalk;
  readonly arrivals: BurstyArrivals;
  readonly random: SeededRandom;
  readonly clock: Clock;
  /** Share of events that are trades rather than quotes. */
  readonly tradeRatio: number;
  /** Sees every event after the subscriber does. */
  readonly observers: MarketDataSink;
}

/**
 * Makes one symbol tick while anyone is interested (a subscriber or a watcher): on each timer it
 * emits every event due by now, as one batch, then sets a timer for the next one.
 */
export class SymbolTicker {
  readonly #parts: TickerParts;
  #sink: MarketDataSink | undefined;
  #watchers = 0;
  #latest: Quote;
  #nextAt = 0;
  #cancelTimer: CancelTimer | undefined;
  #firing = false;

  constructor(parts: TickerParts) {
    this.#parts = parts;
    this.#latest = parts.walk.quote(parts.clock.now());
  }

  /** The most recent top of book (the starting one until the symbol first ticks). */
  get latest(): Quote {
    return this.#latest;
  }

  /** Whether the symbol is ticking now. */
  get ticking(): boolean {
    return this.#cancelTimer !== undefined || this.#firing;
  }

  /** Sets (or, with undefined, removes) the subscriber that receives this symbol's events. */
  setSink(sink: MarketDataSink | undefined): void {
    this.#sink = sink;
    this.#update();
  }

  /** Registers interest without a subscriber; returns the release, which works once. */
  watch(): () => void {
    this.#watchers++;
    this.#update();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#watchers--;
      this.#update();
    };
  }

  /** Stops ticking for good: drops the subscriber and every watcher. */
  stop(): void {
    this.#sink = undefined;
    this.#watchers = 0;
    this.#update();
  }

  #interested(): boolean {
    return this.#sink !== undefined || this.#watchers > 0;
  }

  #update(): void {
    if (this.#firing) return;
    const { clock, arrivals } = this.#parts;
    if (this.#interested() && this.#cancelTimer === undefined) {
      const now = clock.now();
      arrivals.resume(now);
      this.#nextAt = arrivals.next(now);
      this.#schedule();
    } else if (!this.#interested() && this.#cancelTimer !== undefined) {
      this.#cancelTimer();
      this.#cancelTimer = undefined;
    }
  }

  /** Timers fire on whole milliseconds, so events due within the same millisecond form one batch. */
  #schedule(): void {
    this.#cancelTimer = this.#parts.clock.setTimer(Math.ceil(this.#nextAt), () => this.#fire());
  }

  #fire(): void {
    this.#cancelTimer = undefined;
    this.#firing = true;
    const { clock, arrivals } = this.#parts;
    const now = clock.now();
    try {
      for (let emitted = 0; this.#nextAt <= now && this.#interested(); emitted++) {
        if (emitted === MAX_EVENTS_PER_BATCH) {
          this.#nextAt = arrivals.next(now);
          break;
        }
        this.#emit(now);
        this.#nextAt = arrivals.next(this.#nextAt);
      }
    } finally {
      this.#firing = false;
      if (this.#interested()) this.#schedule();
    }
  }

  #emit(time: number): void {
    const { walk, random, tradeRatio, observers } = this.#parts;
    if (random.chance(tradeRatio)) {
      const trade = walk.print(time);
      this.#sink?.trade(trade);
      observers.trade(trade);
    } else {
      this.#latest = walk.move(time);
      this.#sink?.quote(this.#latest);
      observers.quote(this.#latest);
    }
  }
}
