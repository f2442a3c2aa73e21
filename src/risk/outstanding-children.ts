import type { Decimal } from '../market/decimal.js';
import { isTerminal } from '../market/ord-status.js';
import type { Report } from '../market/report.js';
import type { ChildOrderRequest } from '../venues/venue.js';
import type { OpenOrders, OpenSides } from './exposure.js';
import { Fixed } from './fixed.js';
import { NO_SHARE, OpenSums, type Share, type SideSums, shareOf } from './open-sums.js';

/**
 * A child that may still add to the position: while it works, what it may fill and the positions
 * have not counted; once the venue ended it, what it filled that they have not counted yet.
 */
interface Entry {
  /** The submit it passed with: its identity, symbol and side. */
  readonly request: ChildOrderRequest;
  /** Its terms now (a confirmed replace's). */
  quantity: Fixed;
  limitPrice: Fixed | undefined;
  /** The terms a replace asked for, until the venue confirms or refuses it. */
  replacing: { readonly quantity: Fixed; readonly limitPrice: Fixed | undefined } | undefined;
  /** What the venue says filled (its cumQty). */
  venueFilled: Fixed;
  /** What the positions counted (the order applied). */
  counted: Fixed;
  ended: boolean;
  /** What it adds to its side's sums now. */
  share: Share;
  /** Its side's sums. */
  readonly sums: SideSums;
  /** Its parent's counted children, a list through `older` and `newer`. */
  readonly siblings: Siblings;
  older: Entry | undefined;
  newer: Entry | undefined;
}

/** A parent's counted children: the newest, and from it the others. */
interface Siblings {
  newest: Entry | undefined;
}

/** A counted child as the replace check reads it. */
export interface OutstandingChild {
  /** What it may still add to the position. */
  readonly remaining: Fixed;
  /** What of it the positions counted. */
  readonly counted: Fixed;
  readonly limitPrice?: Fixed;
}

/**
 * The children the child checks passed, as the exposure checks count them: what each may still
 * add to the position beyond what the positions counted. A child counts from the moment its submit
 * passes; as the venue reports fills and the orders apply them, it counts what the venue may still
 * fill or has filled and the orders have not applied yet, so neither a fill in flight nor the gap
 * between a venue's report and the order applying it is missed. A pending replace counts the
 * larger of its two quantities at the dearer price. Each side's sums are kept as children change,
 * so a check costs a few additions, whatever the number of children.
 */
export class OutstandingChildren implements OpenOrders {
  readonly #children = new Map<string, Entry>();
  /**
   * Each parent's counted children, so a completed parent's are found at once: a list through
   * the entries (no set to grow and shrink with each child), kept until the parent completes.
   */
  readonly #byParent = new Map<string, Siblings>();
  readonly #sums = new OpenSums();

  /**
   * Counts a child restored after a restart, still working, with `filled` of it filled before:
   * the positions restored counted that, so only the rest may still add.
   */
  adopt(request: ChildOrderRequest, filled: Decimal): void {
    if (this.#children.has(request.clOrdId)) return;
    this.add(request);
    const entry = this.#children.get(request.clOrdId)!;
    entry.venueFilled = Fixed.of(filled);
    entry.counted = entry.venueFilled;
    this.#reshare(entry);
  }

  /**
   * Counts a child whose submit passed; its quantity and limit as Fixed, and their product, when
   * the caller worked them out already.
   */
  add(
    request: ChildOrderRequest,
    quantity = Fixed.of(request.quantity),
    limitPrice = request.limitPrice === undefined ? undefined : Fixed.of(request.limitPrice),
    notional?: Fixed,
  ): void {
    let siblings = this.#byParent.get(request.parentId);
    if (siblings === undefined) {
      siblings = { newest: undefined };
      this.#byParent.set(request.parentId, siblings);
    }
    const entry: Entry = {
      request,
      quantity,
      limitPrice,
      replacing: undefined,
      venueFilled: Fixed.ZERO,
      counted: Fixed.ZERO,
      ended: false,
      share: NO_SHARE,
      sums: this.#sums.of(request.symbol, request.side),
      siblings,
      older: siblings.newest,
      newer: undefined,
    };
    if (siblings.newest !== undefined) siblings.newest.newer = entry;
    siblings.newest = entry;
    this.#children.set(request.clOrdId, entry);
    // Its share as childShare has it for a child just counted: all of it, nothing counted yet.
    this.#move(entry, shareOf(quantity, limitPrice, notional));
  }

  /** What the child may still add and what of it was counted, with its limit; undefined when not counted. */
  get(clOrdId: string): OutstandingChild | undefined {
    const entry = this.#children.get(clOrdId);
    if (entry === undefined) return undefined;
    const { share, counted, limitPrice } = entry;
    return {
      remaining: share.quantity,
      counted,
      ...(limitPrice === undefined ? {} : { limitPrice }),
    };
  }

  /** A replace of the child passed: its new terms count beside the old until the venue answers. */
  replacing(clOrdId: string, quantity: Fixed, limitPrice: Fixed | undefined): void {
    const entry = this.#children.get(clOrdId);
    if (entry === undefined) return;
    entry.replacing = { quantity, limitPrice };
    this.#reshare(entry);
  }

  /** Follows a venue report: its cumQty, a replace confirmed or refused, the child ended. */
  onReport(report: Report): void {
    const entry = this.#children.get(report.clOrdId ?? report.orderId);
    if (entry === undefined) return;
    if (report.cumQty !== undefined) {
      const cumQty = Fixed.of(report.cumQty);
      if (cumQty.gt(entry.venueFilled)) entry.venueFilled = cumQty;
    } else if (report.lastQty !== undefined) {
      entry.venueFilled = entry.venueFilled.plus(Fixed.of(report.lastQty));
    }
    if (report.execType === 'replaced' && entry.replacing !== undefined) {
      entry.quantity = entry.replacing.quantity;
      entry.limitPrice = entry.replacing.limitPrice;
      entry.replacing = undefined;
    } else if (report.execType === 'replace_rejected') {
      entry.replacing = undefined;
    } else if (isTerminal(report.status)) {
      entry.ended = true;
    }
    this.#reshare(entry);
  }

  /** A fill of the child the order applied: the positions count it now. */
  applied(clOrdId: string, quantity: Decimal): void {
    const entry = this.#children.get(clOrdId);
    if (entry === undefined) return;
    entry.counted = entry.counted.plus(Fixed.of(quantity));
    this.#reshare(entry);
  }

  /** The parent completed: every fill of its children is counted, none of them adds any more. */
  forgetParent(parentId: string): void {
    const siblings = this.#byParent.get(parentId);
    for (let entry = siblings?.newest; entry !== undefined; entry = entry.older) {
      this.#move(entry, NO_SHARE);
      this.#children.delete(entry.request.clOrdId);
    }
    this.#byParent.delete(parentId);
  }

  sides(symbol: string, mark: Fixed | undefined, except?: string): OpenSides {
    const own = except === undefined ? undefined : this.#children.get(except);
    const less = own === undefined ? undefined : { side: own.request.side, share: own.share };
    return this.#sums.sides(symbol, mark, less);
  }

  symbols(): Iterable<string> {
    return this.#sums.symbols();
  }

  /** Works the child's share out again and moves its side's sums by the difference; forgets a settled one. */
  #reshare(entry: Entry): void {
    const share = childShare(entry);
    this.#move(entry, share);
    if (!entry.ended || share !== NO_SHARE) return;
    this.#children.delete(entry.request.clOrdId);
    const { older, newer } = entry;
    if (newer === undefined) entry.siblings.newest = older;
    else newer.older = older;
    if (older !== undefined) older.newer = newer;
  }

  #move(entry: Entry, share: Share): void {
    entry.sums.move(entry.share, share);
    entry.share = share;
  }
}

/**
 * What a child adds to its side: while it works, its quantity (the larger of a pending replace's
 * two) less what was counted; once ended, what the venue filled less what was counted. Priced at
 * its limit (the higher of a pending replace's two), or left to the mark without one.
 */
function childShare(entry: Entry): Share {
  const { replacing } = entry;
  let quantity = entry.ended ? entry.venueFilled : entry.quantity;
  let price = entry.limitPrice;
  if (!entry.ended && replacing !== undefined) {
    if (replacing.quantity.gt(quantity)) quantity = replacing.quantity;
    price = higher(price, replacing.limitPrice);
  }
  return shareOf(quantity.minus(entry.counted), price);
}

/** The price that makes a child's notional the larger: none (the mark) if either has none. */
function higher(a: Fixed | undefined, b: Fixed | undefined): Fixed | undefined {
  if (a === undefined || b === undefined) return undefined;
  return a.gt(b) ? a : b;
}
