import type { Clock } from '../../core/clock.js';

/**
 * A token bucket on an injected clock: how many control messages a connection may send now, so a
 * feed stays within an exchange's message rate limit (a burst, then a steady rate) and is never cut off.
 */
export class TokenBucket {
  readonly #clock: Clock;
  readonly #perSecond: number;
  readonly #burst: number;
  #tokens: number;
  #updatedAt: number;

  /** A full bucket: `burst` tokens at once, refilled at `perSecond`. */
  constructor(clock: Clock, perSecond: number, burst: number) {
    if (!(perSecond > 0) || !(burst >= 1)) {
      throw new RangeError(`token bucket needs a positive rate and a burst of at least 1`);
    }
    this.#clock = clock;
    this.#perSecond = perSecond;
    this.#burst = burst;
    this.#tokens = burst;
    this.#updatedAt = clock.now();
  }

  /** Takes one token if there is one; returns whether it did. */
  tryTake(): boolean {
    this.#refill();
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }

  /** The time (ms since the epoch) at which the next token is available; now if one is. */
  nextAt(): number {
    this.#refill();
    const now = this.#clock.now();
    if (this.#tokens >= 1) return now;
    return now + Math.ceil(((1 - this.#tokens) * 1000) / this.#perSecond);
  }

  #refill(): void {
    const now = this.#clock.now();
    const elapsed = now - this.#updatedAt;
    if (elapsed <= 0) return;
    this.#tokens = Math.min(this.#burst, this.#tokens + (elapsed * this.#perSecond) / 1000);
    this.#updatedAt = now;
  }
}
