import type { SeededRandom } from './seeded-random.js';

/** Average length of a burst, in milliseconds. */
const MEAN_BURST_MS = 300;

/**
 * When a symbol's next event happens: a Poisson process that switches between calm spells and
 * short bursts `burstiness` times the average rate, with the calm rate lowered so that the long-run
 * average stays `ratePerSecond`. Bursts take a share `1 / (2 × burstiness)` of the time and bring
 * half the events, so a burstiness of 1 is an even Poisson stream.
 */
export class BurstyArrivals {
  readonly #random: SeededRandom;
  readonly #calmMsPerEvent: number;
  readonly #burstMsPerEvent: number;
  readonly #meanCalmMs: number;
  #bursting = false;
  #regimeEnds: number;

  constructor(random: SeededRandom, ratePerSecond: number, burstiness: number, start: number) {
    if (!Number.isFinite(ratePerSecond) || ratePerSecond <= 0) {
      throw new RangeError(
        `tickRate must be a positive number of events per second, got ${ratePerSecond}`,
      );
    }
    if (!Number.isFinite(burstiness) || burstiness < 1) {
      throw new RangeError(`burstiness must be a number of at least 1, got ${burstiness}`);
    }
    const burstShare = 1 / (2 * burstiness);
    const calmRate = (ratePerSecond * 0.5) / (1 - burstShare);
    this.#random = random;
    this.#calmMsPerEvent = 1000 / calmRate;
    this.#burstMsPerEvent = 1000 / (ratePerSecond * burstiness);
    this.#meanCalmMs = (MEAN_BURST_MS * (1 - burstShare)) / burstShare;
    this.#regimeEnds = start + random.exponential(this.#meanCalmMs);
  }

  /** Starts afresh in a calm spell at `now` if the current spell ended while nobody listened. */
  resume(now: number): void {
    if (this.#regimeEnds < now) {
      this.#bursting = false;
      this.#regimeEnds = now + this.#random.exponential(this.#meanCalmMs);
    }
  }

  /** The time of the first event after `after`, in milliseconds. */
  next(after: number): number {
    let time = after;
    for (;;) {
      const mean = this.#bursting ? this.#burstMsPerEvent : this.#calmMsPerEvent;
      const candidate = time + this.#random.exponential(mean);
      if (candidate < this.#regimeEnds) return candidate;
      // Waits are memoryless: restart the draw at the regime change, at the new rate.
      time = this.#regimeEnds;
      this.#bursting = !this.#bursting;
      const meanSpell = this.#bursting ? MEAN_BURST_MS : this.#meanCalmMs;
      this.#regimeEnds = time + this.#random.exponential(meanSpell);
    }
  }
}
