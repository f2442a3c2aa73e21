import type { Clock } from '../../core/clock.js';

/**
 * exo's estimate of Binance's clock: the offset measured from `GET /api/v3/time` (half the round
 * trip allowed for), at start and again whenever a request is refused with -1021, so requests are
 * stamped in the server's time even when the local clock is skewed.
 */
export class ServerTime {
  readonly #clock: Clock;
  #offsetMs = 0;

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /** Milliseconds to add to the local clock to read Binance's. */
  get offsetMs(): number {
    return this.#offsetMs;
  }

  /** The server's time now, as a request's `timestamp`. */
  now(): number {
    return this.#clock.now() + this.#offsetMs;
  }

  /** Measures the offset with `fetchServerTime` (the server's time in milliseconds). */
  async sync(fetchServerTime: () => Promise<number>): Promise<number> {
    const sent = this.#clock.now();
    const serverTime = await fetchServerTime();
    const received = this.#clock.now();
    this.#offsetMs = Math.round(serverTime - (sent + received) / 2);
    return this.#offsetMs;
  }
}
