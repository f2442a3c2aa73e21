import { type Decimal, ZERO } from '../market/decimal.js';
import type { Side } from '../market/side.js';
import { NOTHING_OPEN, type OpenSide, type OpenSides } from './exposure.js';

/**
 * One open order's share of its side: the quantity it may still add, and its notional at its
 * limit, or, without a limit, the quantity to price at the mark when asked.
 */
export interface Share {
  readonly quantity: Decimal;
  readonly priced: Decimal;
  readonly unpriced: Decimal;
}

/** An order that adds nothing (any more). */
export const NO_SHARE: Share = Object.freeze({ quantity: ZERO, priced: ZERO, unpriced: ZERO });

/** The share of `quantity` priced at `price`, or left to the mark without one; none for nothing. */
export function shareOf(quantity: Decimal, price: Decimal | undefined): Share {
  if (!quantity.gt(ZERO)) return NO_SHARE;
  return price === undefined
    ? { quantity, priced: ZERO, unpriced: quantity }
    : { quantity, priced: quantity.times(price), unpriced: ZERO };
}

type Sums = { quantity: Decimal; priced: Decimal; unpriced: Decimal };

/**
 * Per symbol and side, the sums of the shares of the open orders (parents' leaves, or children),
 * moved as each order's share changes, so that what a side would add is a few additions away
 * however many orders are open: the exposure checks ask it on every parent and every child.
 */
export class OpenSums {
  readonly #sums = new Map<string, Record<Side, Sums>>();

  /** An order's share on `symbol` and `side` changed from `was` to `now`. */
  move(symbol: string, side: Side, was: Share, now: Share): void {
    let sums = this.#sums.get(symbol);
    if (sums === undefined) {
      sums = { buy: { ...NO_SHARE }, sell: { ...NO_SHARE } };
      this.#sums.set(symbol, sums);
    }
    const sum = sums[side];
    sum.quantity = moved(sum.quantity, was.quantity, now.quantity);
    sum.priced = moved(sum.priced, was.priced, now.priced);
    sum.unpriced = moved(sum.unpriced, was.unpriced, now.unpriced);
  }

  /**
   * The symbol's open quantity and notional per side, the unpriced at `mark` (no notional without
   * one), less `except`'s share on its side (an order being replaced).
   */
  sides(
    symbol: string,
    mark: Decimal | undefined,
    except?: { readonly side: Side; readonly share: Share },
  ): OpenSides {
    const sums = this.#sums.get(symbol);
    if (sums === undefined) return NOTHING_OPEN;
    return {
      buy: sideOf(sums.buy, except?.side === 'buy' ? except.share : NO_SHARE, mark),
      sell: sideOf(sums.sell, except?.side === 'sell' ? except.share : NO_SHARE, mark),
    };
  }

  /** The symbols any order was open on. */
  symbols(): Iterable<string> {
    return this.#sums.keys();
  }
}

/**
 * A sum less what a share was and plus what it is. Shares' zeros are the ZERO constant itself, so
 * the arithmetic they would cost (a few hundred ns each, on every child) is skipped.
 */
function moved(sum: Decimal, less: Decimal, more: Decimal): Decimal {
  const after = less === ZERO ? sum : sum.minus(less);
  return more === ZERO ? after : after.plus(more);
}

/** A side's figures less one order's share, its unpriced quantity at the mark (no notional without one). */
function sideOf(sums: Sums, less: Share, mark: Decimal | undefined): OpenSide {
  const quantity = moved(sums.quantity, less.quantity, ZERO);
  const unpriced = moved(sums.unpriced, less.unpriced, ZERO);
  const priced = moved(sums.priced, less.priced, ZERO);
  if (unpriced === ZERO || !unpriced.gt(ZERO)) return { quantity, notional: priced };
  return { quantity, notional: mark === undefined ? undefined : priced.plus(unpriced.times(mark)) };
}
