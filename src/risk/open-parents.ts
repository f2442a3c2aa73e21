import { type Decimal, ZERO } from '../market/decimal.js';
import type { Side } from '../market/side.js';
import { NOTHING_OPEN, type OpenOrders, type OpenSides } from './exposure.js';
import type { ExposureRequest } from './exposure-checks.js';
import type { OpenParentCounts } from './parent-checks.js';

/** An open parent's terms, as the counts and the exposure checks read them. */
export interface OpenParentTerms {
  readonly orderId: string;
  readonly symbol: string;
  readonly side: Side;
  readonly quantity: Decimal;
  readonly limitPrice?: Decimal | undefined;
}

/** An open parent: its latest terms and how much of it the positions have counted filled. */
export interface OpenParent extends OpenParentTerms {
  readonly filled: Decimal;
}

type Entry = { -readonly [K in keyof OpenParent]: OpenParent[K] };

/**
 * The parents counted against maxOpenParents and the exposure limits: each from the moment intake
 * accepts it (before its row commits, so two requests in flight cannot both take the last place)
 * until it completes, is refused, or fails to be journaled; orders brought back by recovery count
 * too. Each keeps its latest terms (a replace counts once intake accepts it) and its fills as the
 * order applied them (the same events the positions count), so its leaves are what it may still
 * add to the position.
 */
export class OpenParents implements OpenOrders {
  readonly #orders = new Map<string, Entry>();
  readonly #bySymbol = new Map<string, Set<Entry>>();

  /**
   * Counts a parent, with `filled` of it already counted by the positions (a restored one's); a
   * second add of the same order changes nothing.
   */
  add(order: OpenParentTerms, filled: Decimal = ZERO): void {
    if (this.#orders.has(order.orderId)) return;
    const entry: Entry = {
      orderId: order.orderId,
      symbol: order.symbol,
      side: order.side,
      quantity: order.quantity,
      limitPrice: order.limitPrice,
      filled,
    };
    this.#orders.set(order.orderId, entry);
    let onSymbol = this.#bySymbol.get(order.symbol);
    if (onSymbol === undefined) {
      onSymbol = new Set();
      this.#bySymbol.set(order.symbol, onSymbol);
    }
    onSymbol.add(entry);
  }

  /** Stops counting a parent; one not counted changes nothing. */
  remove(orderId: string): void {
    const entry = this.#orders.get(orderId);
    if (entry === undefined) return;
    this.#orders.delete(orderId);
    const onSymbol = this.#bySymbol.get(entry.symbol)!;
    onSymbol.delete(entry);
    if (onSymbol.size === 0) this.#bySymbol.delete(entry.symbol);
  }

  /** The terms a replace leaves the parent with, once intake accepted it. */
  amend(orderId: string, quantity: Decimal, limitPrice: Decimal | undefined): void {
    const entry = this.#orders.get(orderId);
    if (entry === undefined) return;
    entry.quantity = quantity;
    entry.limitPrice = limitPrice;
  }

  /** A fill the parent applied (the positions count it at the same moment). */
  fill(orderId: string, quantity: Decimal): void {
    const entry = this.#orders.get(orderId);
    if (entry !== undefined) entry.filled = entry.filled.plus(quantity);
  }

  /** Sets how much of a restored parent the positions counted: what it filled before the restart. */
  restored(orderId: string, filled: Decimal): void {
    const entry = this.#orders.get(orderId);
    if (entry !== undefined) entry.filled = filled;
  }

  /** The open parent of that ID, if counted. */
  get(orderId: string): OpenParent | undefined {
    return this.#orders.get(orderId);
  }

  /** The open parents on `symbol` and in total. */
  counts(symbol: string): OpenParentCounts {
    return { onSymbol: this.#bySymbol.get(symbol)?.size ?? 0, total: this.#orders.size };
  }

  sides(symbol: string, mark: Decimal | undefined, except?: string): OpenSides {
    const onSymbol = this.#bySymbol.get(symbol);
    if (onSymbol === undefined) return NOTHING_OPEN;
    const sums: Record<Side, { quantity: Decimal; notional: Decimal | undefined }> = {
      buy: { quantity: ZERO, notional: ZERO },
      sell: { quantity: ZERO, notional: ZERO },
    };
    for (const entry of onSymbol) {
      const leaves = leavesOf(entry);
      if (entry.orderId === except || leaves.eq(ZERO)) continue;
      const side = sums[entry.side];
      const price = entry.limitPrice ?? mark;
      side.quantity = side.quantity.plus(leaves);
      side.notional = price === undefined ? undefined : side.notional?.plus(leaves.times(price));
    }
    return sums;
  }

  symbols(): Iterable<string> {
    return this.#bySymbol.keys();
  }
}

/**
 * What a replace asks the exposure rules: the parent's new quantity less its fills, at its new
 * limit, against its leaves on its current terms (see ExposureRequest).
 */
export function asReplaced(
  open: OpenParent,
  terms: { readonly quantity: Decimal; readonly limitPrice?: Decimal | undefined },
): ExposureRequest {
  return {
    symbol: open.symbol,
    side: open.side,
    quantity: leavesOf({ ...open, quantity: terms.quantity }),
    limitPrice: terms.limitPrice,
    except: open.orderId,
    before: { quantity: leavesOf(open), limitPrice: open.limitPrice },
  };
}

/** What a parent may still fill: its quantity less its fills, never below zero. */
export function leavesOf(entry: OpenParent): Decimal {
  const leaves = entry.quantity.minus(entry.filled);
  return leaves.gt(ZERO) ? leaves : ZERO;
}
