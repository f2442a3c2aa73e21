/**
 * How much exo leaves between its count and Binance's: requests take time to arrive, and exo's
 * estimate of the server's clock is off by up to half a round trip.
 */
export const LIMIT_MARGIN_MS = 250;

/** Intervals up to this long are counted over a sliding log; longer ones in fixed windows. */
const SLIDING_UP_TO_MS = 60_000;

/**
 * One rate limit as exo counts it before sending. Binance counts in fixed windows aligned to the
 * epoch; a request exo counts near a boundary may land in the next one there. So short intervals
 * (10 s, a minute) are counted over the last interval plus a margin, a sliding log that is never
 * more permissive than Binance's windows whatever side of a boundary a request lands on. A day's
 * limit is counted in fixed windows (a boundary a day apart is not worth a log of 160,000 orders).
 */
export class LimitWindow {
  readonly limit: number;
  readonly intervalMs: number;
  readonly #sliding: boolean;
  /** Sliding: each spend, oldest first. */
  readonly #log: { time: number; amount: number }[] = [];
  /** Fixed: the window's start. */
  #start = 0;
  /** What is spent: the fixed window's, or the sliding log's sum (kept, not summed per request). */
  #used = 0;

  constructor(limit: number, intervalMs: number) {
    this.limit = limit;
    this.intervalMs = intervalMs;
    this.#sliding = intervalMs <= SLIDING_UP_TO_MS;
  }

  /** What is spent as of `now`. */
  used(now: number): number {
    this.#forget(now);
    return this.#used;
  }

  /** Spends `amount` at `now`. */
  add(now: number, amount: number): void {
    if (amount <= 0) return;
    this.#forget(now);
    if (this.#sliding) this.#log.push({ time: now, amount });
    this.#used += amount;
  }

  /** The earliest time at or after `now` when `amount` more fits the limit. */
  fitsAt(now: number, amount: number): number {
    let over = this.used(now) + amount - this.limit;
    if (amount <= 0 || over <= 0) return now;
    if (!this.#sliding) return this.#start + this.intervalMs + LIMIT_MARGIN_MS;
    for (const entry of this.#log) {
      over -= entry.amount;
      if (over <= 0) return entry.time + this.intervalMs + LIMIT_MARGIN_MS + 1;
    }
    return now + this.intervalMs + LIMIT_MARGIN_MS;
  }

  #forget(now: number): void {
    if (this.#sliding) {
      const since = now - this.intervalMs - LIMIT_MARGIN_MS;
      while (this.#log.length > 0 && this.#log[0]!.time <= since) {
        this.#used -= this.#log.shift()!.amount;
      }
      return;
    }
    const start = now - (now % this.intervalMs);
    if (start !== this.#start) {
      this.#start = start;
      this.#used = 0;
    }
  }
}
