/**
 * Exponential backoff with jitter: how long to wait before the next reconnection attempt, so that a
 * venue that is down is not hammered and many clients do not reconnect in lockstep.
 * Each delay is drawn between half and all of `initial × 2^attempt` (capped at `max`).
 */
export class Backoff {
  readonly #initialMs: number;
  readonly #maxMs: number;
  readonly #random: () => number;
  #attempt = 0;

  /** `random` returns a number in [0, 1); tests inject a fixed one. */
  constructor(initialMs: number, maxMs: number, random: () => number = Math.random) {
    if (!(initialMs > 0) || !(maxMs >= initialMs)) {
      throw new RangeError('backoff needs 0 < initial <= max');
    }
    this.#initialMs = initialMs;
    this.#maxMs = maxMs;
    this.#random = random;
  }

  /** The delay before the next attempt, in milliseconds; each call counts one attempt. */
  next(): number {
    const ceiling = Math.min(this.#maxMs, this.#initialMs * 2 ** Math.min(this.#attempt, 52));
    this.#attempt++;
    return Math.round(ceiling / 2 + (this.#random() * ceiling) / 2);
  }

  /** Starts again from the initial delay: called once a connection is live again. */
  reset(): void {
    this.#attempt = 0;
  }

  /** Attempts made since the last reset. */
  get attempts(): number {
    return this.#attempt;
  }
}
