import type { ChildTerms } from './child-checks.js';

/** An earlier child with the same terms: which, and when it passed. */
export interface EarlierChild {
  readonly clOrdId: string;
  readonly time: number;
}

/**
 * The children submitted lately, by side, symbol, quantity and price, of any parent: how the
 * duplicate detector finds an earlier child with the same terms. Entries older than the longest
 * window asked about are dropped as time moves on, so the memory is what one window holds.
 */
export class RecentChildren {
  readonly #latest = new Map<string, EarlierChild>();
  /** Every entry's key and time in the order added, for dropping the old ones from the front. */
  readonly #keys: string[] = [];
  readonly #times: number[] = [];
  #head = 0;
  #longestMs = 0;
  /** The key `within` worked out last, which `add` of the same child reuses. */
  #lastTerms: ChildTerms | undefined;
  #lastKey = '';

  /** The latest child with the same terms less than `windowMs` before `now`, if any. */
  within(child: ChildTerms, now: number, windowMs: number): EarlierChild | undefined {
    this.#longestMs = Math.max(this.#longestMs, windowMs);
    this.#forget(now);
    const earlier = this.#latest.get(this.#keyOf(child));
    return earlier !== undefined && now - earlier.time < windowMs ? earlier : undefined;
  }

  /** Remembers a child that passed at `now`. */
  add(child: ChildTerms, clOrdId: string, now: number): void {
    const key = this.#keyOf(child);
    this.#latest.set(key, { clOrdId, time: now });
    this.#keys.push(key);
    this.#times.push(now);
  }

  #keyOf(child: ChildTerms): string {
    if (this.#lastTerms !== child) {
      this.#lastTerms = child;
      const price = child.limitPrice?.toString() ?? 'market';
      this.#lastKey = `${child.side} ${child.symbol} ${child.quantity.toString()} ${price}`;
    }
    return this.#lastKey;
  }

  /** Drops the entries older than the longest window. */
  #forget(now: number): void {
    const before = now - this.#longestMs;
    const times = this.#times;
    while (this.#head < times.length && times[this.#head]! < before) {
      const key = this.#keys[this.#head]!;
      if (this.#latest.get(key)?.time === times[this.#head]) this.#latest.delete(key);
      this.#head++;
    }
    if (this.#head > 1024 && this.#head * 2 > times.length) {
      this.#keys.splice(0, this.#head);
      times.splice(0, this.#head);
      this.#head = 0;
    }
  }
}
