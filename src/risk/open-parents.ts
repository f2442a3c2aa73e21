import { type Decimal, ZERO } from '../market/decimal.js';
import { extended } from '../market/extended.js';
import type { Side } from '../market/side.js';
import type { OpenOrders, OpenSides } from './exposure.js';
import type { ExposureRequest } from './exposure-checks.js';
import { Fixed } from './fixed.js';
import { NO_SHARE, OpenSums, type Share, type SideSums, shareOf } from './open-sums.js';
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

type Entry = { -readonly [K in keyof OpenParent]: OpenParent[K] } & {
  /** Its terms and fills as Fixed, converted as they change. */
  fixed: FixedTerms;
  /** What its leaves add to its side's sums now. */
  share: Share;
  /** Its side's sums. */
  readonly sums: SideSums;
};

/** A parent's quantity, limit and fills as Fixed. */
interface FixedTerms {
  readonly quantity: Fixed;
  readonly limitPrice: Fixed | undefined;
  readonly filled: Fixed;
}

/**
 * The parents counted against maxOpenParents and the exposure limits: each from the moment intake
 * accepts it (before its row commits, so two requests in flight cannot both take the last place)
 * until it completes, is refused, or fails to be journaled; orders brought back by recovery count
 * too. Each keeps its latest terms (a replace counts once intake accepts it) and its fills as the
 * order applied them (the same events the positions count), so its leaves are what it may still
 * add to the position; each side's sums of leaves are kept as parents change, so an intake check
 * costs the same however many parents are open.
 */
export class OpenParents implements OpenOrders {
  readonly #orders = new Map<string, Entry>();
  readonly #counts = new Map<string, number>();
  readonly #sums = new OpenSums();

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
      fixed: fixedTerms(order.quantity, order.limitPrice, Fixed.of(filled)),
      share: NO_SHARE,
      sums: this.#sums.of(order.symbol, order.side),
    };
    this.#orders.set(order.orderId, entry);
    this.#counts.set(order.symbol, (this.#counts.get(order.symbol) ?? 0) + 1);
    this.#reshare(entry);
  }

  /** Stops counting a parent; one not counted changes nothing. */
  remove(orderId: string): void {
    const entry = this.#orders.get(orderId);
    if (entry === undefined) return;
    this.#orders.delete(orderId);
    const left = (this.#counts.get(entry.symbol) ?? 1) - 1;
    if (left === 0) this.#counts.delete(entry.symbol);
    else this.#counts.set(entry.symbol, left);
    entry.sums.move(entry.share, NO_SHARE);
  }

  /** The terms a replace leaves the parent with, once intake accepted it. */
  amend(orderId: string, quantity: Decimal, limitPrice: Decimal | undefined): void {
    const entry = this.#orders.get(orderId);
    if (entry === undefined) return;
    entry.quantity = quantity;
    entry.limitPrice = limitPrice;
    entry.fixed = fixedTerms(quantity, limitPrice, entry.fixed.filled);
    this.#reshare(entry);
  }

  /** A fill the parent applied (the positions count it at the same moment). */
  fill(orderId: string, quantity: Decimal): void {
    const entry = this.#orders.get(orderId);
    if (entry === undefined) return;
    entry.filled = entry.filled.plus(quantity);
    entry.fixed = extended(entry.fixed, { filled: entry.fixed.filled.plus(Fixed.of(quantity)) });
    this.#reshare(entry);
  }

  /** Sets how much of a restored parent the positions counted: what it filled before the restart. */
  restored(orderId: string, filled: Decimal): void {
    const entry = this.#orders.get(orderId);
    if (entry === undefined) return;
    entry.filled = filled;
    entry.fixed = extended(entry.fixed, { filled: Fixed.of(filled) });
    this.#reshare(entry);
  }

  /** The open parent of that ID, if counted. */
  get(orderId: string): OpenParent | undefined {
    return this.#orders.get(orderId);
  }

  /** The open parents on `symbol` and in total. */
  counts(symbol: string): OpenParentCounts {
    return { onSymbol: this.#counts.get(symbol) ?? 0, total: this.#orders.size };
  }

  sides(symbol: string, mark: Fixed | undefined, except?: string): OpenSides {
    const own = except === undefined ? undefined : this.#orders.get(except);
    return this.#sums.sides(symbol, mark, own);
  }

  symbols(): Iterable<string> {
    return this.#sums.symbols();
  }

  /** Works the parent's leaves out again and moves its side's sums by the difference. */
  #reshare(entry: Entry): void {
    const { quantity, limitPrice, filled } = entry.fixed;
    const share = shareOf(leavesOf(quantity, filled), limitPrice);
    entry.sums.move(entry.share, share);
    entry.share = share;
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
  const was = fixedTerms(open.quantity, open.limitPrice, Fixed.of(open.filled));
  const now = fixedTerms(terms.quantity, terms.limitPrice, was.filled);
  return {
    symbol: open.symbol,
    side: open.side,
    quantity: leavesOf(now.quantity, now.filled),
    limitPrice: now.limitPrice,
    except: open.orderId,
    before: { quantity: leavesOf(was.quantity, was.filled), limitPrice: was.limitPrice },
  };
}

function fixedTerms(quantity: Decimal, limitPrice: Decimal | undefined, filled: Fixed): FixedTerms {
  return {
    quantity: Fixed.of(quantity),
    limitPrice: limitPrice === undefined ? undefined : Fixed.of(limitPrice),
    filled,
  };
}

/** What a parent may still fill: its quantity less its fills, never below zero. */
function leavesOf(quantity: Fixed, filled: Fixed): Fixed {
  const leaves = quantity.minus(filled);
  return leaves.sign() > 0 ? leaves : Fixed.ZERO;
}
