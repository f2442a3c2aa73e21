/**
 * The latest `capacity` times of a series that never goes back in time, in a ring: how a rate
 * limit of `capacity` per window asks when the window allows one more (the oldest of them plus
 * the window) without counting or allocating.
 */
export class RecentTimes {
  readonly #times: number[];
  #next = 0;
  #size = 0;

  constructor(readonly capacity: number) {
    this.#times = new Array<number>(Math.max(0, capacity)).fill(0);
  }

  /**
   * The oldest of the latest `capacity` times, or -Infinity while fewer were added (+Infinity for a capacity of 0: nothing may go): one more may
   * go at this time plus the window, and not before.
   */
  oldest(): number {
    if (this.capacity === 0) return Number.POSITIVE_INFINITY;
    return this.#size < this.capacity ? Number.NEGATIVE_INFINITY : this.#times[this.#next]!;
  }

  /**
   * How many of the latest `capacity` times are after `time`: what a rate's gauge shows (a walk
   * over the ring, for a reader now and then, not for every request).
   */
  countAfter(time: number): number {
    let count = 0;
    for (let i = 0; i < this.#size; i++) if (this.#times[i]! > time) count++;
    return count;
  }

  /** Adds a time no earlier than every time added before. */
  add(time: number): void {
    if (this.capacity === 0) return;
    this.#times[this.#next] = time;
    this.#next = (this.#next + 1) % this.capacity;
    if (this.#size < this.capacity) this.#size++;
  }
}
