/**
 * A bounded memory of recently seen identifiers (trade IDs): remembers the last `capacity` distinct
 * ones and forgets the oldest first, so duplicates are caught across reconnects without growing forever.
 */
export class RecentIds {
  readonly #capacity: number;
  readonly #seen = new Set<string>();
  readonly #ring: (string | undefined)[];
  #next = 0;

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError('recent ID memory needs a capacity of at least 1');
    }
    this.#capacity = capacity;
    this.#ring = new Array<string | undefined>(capacity);
  }

  /** Remembers `id`; returns false when it was already remembered (a duplicate). */
  add(id: string): boolean {
    if (this.#seen.has(id)) return false;
    const evicted = this.#ring[this.#next];
    if (evicted !== undefined) this.#seen.delete(evicted);
    this.#ring[this.#next] = id;
    this.#next = (this.#next + 1) % this.#capacity;
    this.#seen.add(id);
    return true;
  }

  /** Whether `id` is among those remembered. */
  has(id: string): boolean {
    return this.#seen.has(id);
  }

  /** How many IDs are remembered (at most the capacity). */
  get size(): number {
    return this.#seen.size;
  }
}
