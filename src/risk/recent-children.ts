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
  /** Every entry in the order added, for dropping the old ones from the front. */
  readonly #added: Array<readonly [string, number]> = [];
  #head = 0;
  #longestMs = 0;

  /** The latest child with the same terms less than `windowMs` before `now`, if any. */
  within(child: ChildTerms, now: number, windowMs: number): EarlierChild | undefined {
    this.#longestMs = Math.max(this.#longestMs, windowMs);
    this.#forget(now);
    const earlier = this.#latest.get(termsKey(child));
    return earlier !== undefined && now - earlier.time < windowMs ? earlier : undefined;
  }

  /** Remembers a child that passed at `now`. */
  add(child: ChildTerms, clOrdId: string, now: number): void {
    const key = termsKey(child);
    this.#latest.set(key, { clOrdId, time: now });
    this.#added.push([key, now]);
  }

  /** Drops the entries older than the longest window. */
  #forget(now: number): void {
    const before = now - this.#longestMs;
    while (this.#head < this.#added.length && this.#added[this.#head]![1] < before) {
      const [key, time] = this.#added[this.#head++]!;
      if (this.#latest.get(key)?.time === time) this.#latest.delete(key);
    }
    if (this.#head > 1024 && this.#head * 2 > this.#added.length) {
      this.#added.splice(0, this.#head);
      this.#head = 0;
    }
  }
}

function termsKey(child: ChildTerms): string {
  return `${child.side} ${child.symbol} ${child.quantity.toString()} ${child.limitPrice?.toString() ?? 'market'}`;
}
