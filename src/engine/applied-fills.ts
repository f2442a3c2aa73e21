import type { FillTerms } from '../journal/journal-records.js';
import { type Decimal, ZERO } from '../market/decimal.js';
import type { AppliedToChild } from '../recovery/missing-fills.js';

/** One live child's applied fills: their quantity kept summed, their notional worked out when asked. */
class ChildFills implements AppliedToChild {
  qty: Decimal = ZERO;
  readonly #fills = new Map<string, FillTerms>();

  /** Adds a fill, once per exec ID. */
  add(fill: FillTerms): void {
    if (this.#fills.has(fill.execId)) return;
    this.#fills.set(fill.execId, fill);
    this.qty = this.qty.plus(fill.qty);
  }

  get notional(): Decimal {
    let notional = ZERO;
    for (const fill of this.#fills.values()) notional = notional.plus(fill.qty.times(fill.px));
    return notional;
  }

  has(execId: string): boolean {
    return this.#fills.has(execId);
  }
}

/** What one live parent holds here, so that all of it is forgotten when it completes. */
interface ParentEntry {
  readonly keys: string[];
  readonly children: string[];
}

/**
 * The fills journaled for live parents, by journal key, and what they add up to per live child.
 * With it, a fill delivered twice (a venue resending, reconciliation racing a live report) is
 * recognised at once, and so is one that reuses a key for other terms. A report whose cumQty runs
 * ahead of a child's applied fills is noticed too. Children are registered as they are sent, and
 * rebuilt from the journal at start. A parent's entries are forgotten when it completes; a late
 * repeat after that reaches the dispatcher as a report for a completed order and changes nothing.
 */
export class AppliedFills {
  readonly #terms = new Map<string, FillTerms>();
  readonly #children = new Map<string, ChildFills>();
  readonly #parents = new Map<string, ParentEntry>();

  /** Registers a live child, so that its reports' cumQty is checked against its fills. */
  child(parentId: string, clOrdId: string): void {
    this.#child(parentId, clOrdId);
  }

  /** Whether a fill with this key was journaled for a live parent. */
  has(key: string): boolean {
    return this.#terms.has(key);
  }

  /** The terms of the fill journaled under this key for a live parent. */
  termsOf(key: string): FillTerms | undefined {
    return this.#terms.get(key);
  }

  /** Remembers a journaled fill under its parent, and adds it to its child's totals. */
  remember(parentId: string, key: string, terms: FillTerms): void {
    if (this.#terms.has(key)) return;
    this.#terms.set(key, terms);
    this.#parent(parentId).keys.push(key);
    this.#child(parentId, terms.clOrdId).add(terms);
  }

  /** What is applied of a live child's fills; undefined for a child of no live parent. */
  applied(clOrdId: string): AppliedToChild | undefined {
    return this.#children.get(clOrdId);
  }

  /** Forgets a completed parent's fills and children. */
  forget(parentId: string): void {
    const entry = this.#parents.get(parentId);
    if (entry === undefined) return;
    for (const key of entry.keys) this.#terms.delete(key);
    for (const clOrdId of entry.children) this.#children.delete(clOrdId);
    this.#parents.delete(parentId);
  }

  /** How many fill keys are remembered. */
  get size(): number {
    return this.#terms.size;
  }

  #child(parentId: string, clOrdId: string): ChildFills {
    let child = this.#children.get(clOrdId);
    if (child === undefined) {
      child = new ChildFills();
      this.#children.set(clOrdId, child);
      this.#parent(parentId).children.push(clOrdId);
    }
    return child;
  }

  #parent(parentId: string): ParentEntry {
    let entry = this.#parents.get(parentId);
    if (entry === undefined) {
      entry = { keys: [], children: [] };
      this.#parents.set(parentId, entry);
    }
    return entry;
  }
}
