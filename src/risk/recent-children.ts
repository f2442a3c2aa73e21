import type { FixedChild } from './child-checks.js';
import type { Fixed } from './fixed.js';

/** An earlier child with the same terms: which, and when it passed. */
export interface EarlierChild {
  readonly clOrdId: string;
  readonly time: number;
}

/** A child remembered: its terms, and the next remembered child whose terms hash alike. */
interface Recent extends EarlierChild {
  readonly child: FixedChild;
  readonly hash: number;
  next: Recent | undefined;
  /** Whether it is the latest child with its terms (not replaced by a later one, nor dropped). */
  latest: boolean;
}

/** Up to this many children remembered, a lookup goes through them; beyond, through an index by hash. */
const LOOK_THROUGH = 16;

/**
 * The children submitted lately, by side, symbol, quantity and price, of any parent: how the
 * duplicate detector finds an earlier child with the same terms. While few are remembered (a
 * short window) a lookup goes through them, newest first; beyond LOOK_THROUGH, through an index
 * by a number hashed from the terms (no text to build), among the few that hash alike, compared
 * exactly. Entries older than the longest window asked about are dropped as time moves on, so the
 * memory is what one window holds.
 */
export class RecentChildren {
  /** Every entry in the order added; those from #head on are remembered. */
  readonly #added: Recent[] = [];
  #head = 0;
  #longestMs = 0;
  /** The latest child of each set of terms, chained by hash, while more than LOOK_THROUGH are remembered. */
  #byHash: Map<number, Recent> | undefined;
  /** The child `within` looked up last and what it found: `add` of it reuses them. */
  #lastChild: FixedChild | undefined;
  #lastFound: Recent | undefined;

  /** The latest child with the same terms less than `windowMs` before `now`, if any. */
  within(child: FixedChild, now: number, windowMs: number): EarlierChild | undefined {
    this.#longestMs = Math.max(this.#longestMs, windowMs);
    this.#forget(now);
    const earlier = this.#find(child);
    this.#lastChild = child;
    this.#lastFound = earlier;
    return earlier !== undefined && now - earlier.time < windowMs ? earlier : undefined;
  }

  /** Remembers a child that passed at `now`: the latest with its terms from now on. */
  add(child: FixedChild, clOrdId: string, now: number): void {
    // What `within` found for this child is still the latest: nothing was added or dropped since.
    const earlier = this.#lastChild === child ? this.#lastFound : this.#find(child);
    this.#lastChild = undefined;
    if (earlier !== undefined) this.#unlink(earlier);
    const hash = hashOf(child);
    const entry: Recent = { clOrdId, time: now, child, hash, next: undefined, latest: true };
    this.#added.push(entry);
    if (this.#byHash !== undefined) this.#link(entry);
    else if (this.#added.length - this.#head > LOOK_THROUGH) this.#index();
  }

  /** The latest child with the child's terms, if one is remembered. */
  #find(child: FixedChild): Recent | undefined {
    if (this.#byHash === undefined) {
      for (let i = this.#added.length - 1; i >= this.#head; i--) {
        const entry = this.#added[i]!;
        if (entry.latest && sameTerms(entry.child, child)) return entry;
      }
      return undefined;
    }
    for (let entry = this.#byHash.get(hashOf(child)); entry !== undefined; entry = entry.next) {
      if (sameTerms(entry.child, child)) return entry;
    }
    return undefined;
  }

  /** Indexes the latest children remembered by hash: more than LOOK_THROUGH are. */
  #index(): void {
    this.#byHash = new Map();
    for (let i = this.#head; i < this.#added.length; i++) {
      const entry = this.#added[i]!;
      entry.next = undefined;
      if (entry.latest) this.#link(entry);
    }
  }

  #link(entry: Recent): void {
    entry.next = this.#byHash!.get(entry.hash);
    this.#byHash!.set(entry.hash, entry);
  }

  /** An entry is no longer the latest with its terms: out of its hash's chain, when indexed. */
  #unlink(entry: Recent): void {
    entry.latest = false;
    const byHash = this.#byHash;
    if (byHash === undefined) return;
    const first = byHash.get(entry.hash);
    if (first === entry) {
      if (entry.next === undefined) byHash.delete(entry.hash);
      else byHash.set(entry.hash, entry.next);
      return;
    }
    for (let before = first; before !== undefined; before = before.next) {
      if (before.next === entry) {
        before.next = entry.next;
        return;
      }
    }
  }

  /** Drops the entries older than the longest window; the index too once few are left. */
  #forget(now: number): void {
    const before = now - this.#longestMs;
    const added = this.#added;
    while (this.#head < added.length && added[this.#head]!.time < before) {
      const entry = added[this.#head]!;
      if (entry.latest) this.#unlink(entry);
      this.#head++;
    }
    if (this.#byHash !== undefined && added.length - this.#head <= LOOK_THROUGH / 2) {
      this.#byHash = undefined;
    }
    if (this.#head > 1024 && this.#head * 2 > added.length) {
      added.splice(0, this.#head);
      this.#head = 0;
    }
  }
}

/** Whether two children have the same side, symbol, quantity and price (both market, or equal). */
function sameTerms(a: FixedChild, b: FixedChild): boolean {
  if (a.side !== b.side || a.symbol !== b.symbol || !a.quantity.eq(b.quantity)) return false;
  return a.limitPrice === undefined || b.limitPrice === undefined
    ? a.limitPrice === b.limitPrice
    : a.limitPrice.eq(b.limitPrice);
}

/**
 * A number from a child's side, quantity and price, alike for equal terms: each decimal by its
 * units and places (one form per value, see Fixed), mixed into 32 bits.
 */
function hashOf(child: FixedChild): number {
  let hash = child.side === 'buy' ? 1 : 2;
  hash = mix(hash, child.quantity);
  return child.limitPrice === undefined ? hash : mix(hash, child.limitPrice);
}

function mix(hash: number, value: Fixed): number {
  const units = typeof value.units === 'number' ? value.units : Number(value.units);
  // The low and the high 32 bits of the units, and the places.
  const low = units | 0;
  const high = (units / 4294967296) | 0;
  let mixed = Math.imul(hash ^ low, 0x9e3779b1);
  mixed = Math.imul(mixed ^ high, 0x85ebca6b);
  return Math.imul(mixed ^ value.places, 0xc2b2ae35);
}
