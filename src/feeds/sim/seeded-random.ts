/**
 * A small seeded pseudo-random generator (mulberry32): the same seed always gives the same
 * sequence, so a simulation replays exactly. Used for timing and choices, never for prices
 * directly: prices are whole numbers of ticks chosen with it.
 */
export class SeededRandom {
  #state: number;

  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  /** A number in [0, 1). */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  /** A whole number in [min, max], both included. */
  integer(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** Whether an event of probability `p` happens this time. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** A wait drawn from the exponential distribution with this mean: the gap between Poisson events. */
  exponential(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }
}

/**
 * The seed of one named stream (a symbol's) under a base seed, hashed with FNV-1a, so that each
 * symbol's stream depends only on the seed and its name, not on which other symbols exist.
 */
export function streamSeed(seed: number, name: string): number {
  let hash = 0x811c9dc5;
  for (const char of `${seed}:${name}`) {
    hash ^= char.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
