import type { Side } from '../market/side.js';
import { NOTHING_OPEN, type OpenSide, type OpenSides } from './exposure.js';
import { Fixed } from './fixed.js';
import { SymbolMap } from './symbol-map.js';

/**
 * One open order's share of its side: the quantity it may still add, and its notional at its
 * limit, or, without a limit, the quantity to price at the mark when asked.
 */
export interface Share {
  readonly quantity: Fixed;
  readonly priced: Fixed;
  readonly unpriced: Fixed;
}

/** An order that adds nothing (any more). */
export const NO_SHARE: Share = Object.freeze({
  quantity: Fixed.ZERO,
  priced: Fixed.ZERO,
  unpriced: Fixed.ZERO,
});

/**
 * The share of `quantity` priced at `price`, or left to the mark without one; none for nothing.
 * `notional` is quantity × price when the caller multiplied them already.
 */
export function shareOf(quantity: Fixed, price: Fixed | undefined, notional?: Fixed): Share {
  if (quantity.sign() <= 0) return NO_SHARE;
  return price === undefined
    ? { quantity, priced: Fixed.ZERO, unpriced: quantity }
    : { quantity, priced: notional ?? quantity.times(price), unpriced: Fixed.ZERO };
}

/** One side's sums on one symbol: what its open orders would add, were they all to fill. */
export class SideSums {
  #quantity = Fixed.ZERO;
  #priced = Fixed.ZERO;
  #unpriced = Fixed.ZERO;
  /**
   * What `open` last gave with no order left out, kept until the sums move: the exposure checks
   * ask for every symbol on every parent and child, and the sums change far less often. It was
   * priced at `#wholeMark`, which matters only while some of the side is unpriced.
   */
  #whole: OpenSide | undefined;
  #wholeMark: Fixed | undefined;

  /** An order's share here changed from `was` to `now`. */
  move(was: Share, now: Share): void {
    this.#quantity = this.#quantity.minus(was.quantity).plus(now.quantity);
    this.#priced = this.#priced.minus(was.priced).plus(now.priced);
    this.#unpriced = this.#unpriced.minus(was.unpriced).plus(now.unpriced);
    this.#whole = undefined;
  }

  /** The side's figures less `less`'s share, its unpriced quantity at `mark` (no notional without one). */
  open(less: Share, mark: Fixed | undefined): OpenSide {
    if (less !== NO_SHARE) return this.#less(less, mark);
    const whole = this.#whole;
    if (whole !== undefined && (this.#wholeMark === mark || this.#unpriced.sign() <= 0)) {
      return whole;
    }
    this.#wholeMark = mark;
    this.#whole = this.#less(NO_SHARE, mark);
    return this.#whole;
  }

  #less(less: Share, mark: Fixed | undefined): OpenSide {
    const quantity = this.#quantity.minus(less.quantity);
    const unpriced = this.#unpriced.minus(less.unpriced);
    const priced = this.#priced.minus(less.priced);
    if (unpriced.sign() <= 0) return { quantity, notional: priced };
    const notional = mark === undefined ? undefined : priced.plus(unpriced.times(mark));
    return { quantity, notional };
  }
}

/** A symbol's sums per side, and the OpenSides `sides` last gave of them with no order left out. */
interface SymbolSums {
  readonly buy: SideSums;
  readonly sell: SideSums;
  whole: OpenSides | undefined;
}

/**
 * Per symbol and side, the sums of the shares of the open orders (parents' leaves, or children),
 * moved as each order's share changes, so that what a side would add is a few additions away
 * however many orders are open: the exposure checks ask it on every parent and every child.
 */
export class OpenSums {
  readonly #sums = new SymbolMap<SymbolSums>();

  /** The sums of `symbol`'s `side`, which an order there moves as its share changes. */
  of(symbol: string, side: Side): SideSums {
    let sums = this.#sums.get(symbol);
    if (sums === undefined) {
      sums = { buy: new SideSums(), sell: new SideSums(), whole: undefined };
      this.#sums.set(symbol, sums);
    }
    return sums[side];
  }

  /**
   * The symbol's open quantity and notional per side, the unpriced at `mark` (no notional without
   * one), less `except`'s share on its side (an order being replaced). With none left out, the
   * same object while neither side's figures change.
   */
  sides(
    symbol: string,
    mark: Fixed | undefined,
    except?: { readonly side: Side; readonly share: Share },
  ): OpenSides {
    const sums = this.#sums.get(symbol);
    if (sums === undefined) return NOTHING_OPEN;
    const buy = sums.buy.open(except?.side === 'buy' ? except.share : NO_SHARE, mark);
    const sell = sums.sell.open(except?.side === 'sell' ? except.share : NO_SHARE, mark);
    if (except !== undefined) return { buy, sell };
    const whole = sums.whole;
    if (whole !== undefined && whole.buy === buy && whole.sell === sell) return whole;
    sums.whole = { buy, sell };
    return sums.whole;
  }

  /** The symbols any order was open on. */
  symbols(): Iterable<string> {
    return this.#sums.keys();
  }
}
