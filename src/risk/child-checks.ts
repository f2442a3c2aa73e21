import { type Decimal, decimal } from '../market/decimal.js';
import type { Quote } from '../market/quote.js';
import type { Side } from '../market/side.js';
import { Fixed } from './fixed.js';
import { type RiskRefusal, riskRefusal, type SymbolLimits } from './risk-limits.js';

/** What the size and price checks read of a child: its terms, new or as a replace would leave them. */
export interface ChildTerms {
  readonly symbol: string;
  readonly side: Side;
  readonly quantity: Decimal;
  /** Absent for a market child. */
  readonly limitPrice?: Decimal;
}

/**
 * A child's terms and, converted once for every check of it, its quantity and limit as Fixed and
 * their product: as the exposure rules take an order (see ExposureRequest) too.
 */
export interface FixedChild {
  readonly terms: ChildTerms;
  readonly symbol: string;
  readonly side: Side;
  readonly quantity: Fixed;
  /** Absent for a market child. */
  readonly limitPrice: Fixed | undefined;
  /**
   * quantity × limitPrice, absent for a market child: the notional the size check, the exposure
   * rules and the outstanding children's sums each take, multiplied once.
   */
  readonly notional: Fixed | undefined;
}

/** The child's terms with their Fixed figures. */
export function fixedChild(terms: ChildTerms): FixedChild {
  const { symbol, side } = terms;
  const quantity = Fixed.of(terms.quantity);
  const limitPrice = terms.limitPrice === undefined ? undefined : Fixed.of(terms.limitPrice);
  const notional = limitPrice === undefined ? undefined : quantity.times(limitPrice);
  return { terms, symbol, side, quantity, limitPrice, notional };
}

/**
 * The touch a child is checked against: the quote, and its bid and ask as Fixed; for a collar
 * (its percent, its ticks as a price), the limits it lets a child's be within on either side.
 */
export interface Touch {
  readonly quote: Quote;
  readonly bid: Fixed;
  readonly ask: Fixed;
  /** The collar the bounds were worked out for: its percent and ticks band, by identity. */
  readonly percent: Decimal | undefined;
  readonly ticksBand: Fixed | undefined;
  /** Where the collar lets a sell's limit be, around the bid; undefined without either band. */
  readonly bidBounds: Bounds | undefined;
  /** Where the collar lets a buy's limit be, around the ask; undefined without either band. */
  readonly askBounds: Bounds | undefined;
}

/** From `low` to `high`, both in. */
export interface Bounds {
  readonly low: Fixed;
  readonly high: Fixed;
}

/**
 * The quote's touch, converted, with the bounds of a collar of `percent` and `ticksBand` when
 * given (once per quote: see RiskCheckedVenue).
 */
export function touchOf(quote: Quote, percent?: Decimal, ticksBand?: Fixed): Touch {
  const bid = Fixed.of(quote.bidPx);
  const ask = Fixed.of(quote.askPx);
  const bidBounds = boundsOf(bid, percent, ticksBand);
  const askBounds = boundsOf(ask, percent, ticksBand);
  return { quote, bid, ask, percent, ticksBand, bidBounds, askBounds };
}

/**
 * Where a collar lets a limit be around `price`: within price × percent / 100 (exact: a
 * hundredth only adds two places) and within `ticksBand`, the tighter of each end: a limit
 * outside is one further from the price than a band allows. A negative band leaves no room at
 * all either way.
 */
function boundsOf(
  price: Fixed,
  percent: Decimal | undefined,
  ticksBand: Fixed | undefined,
): Bounds | undefined {
  let low: Fixed | undefined;
  let high: Fixed | undefined;
  if (percent !== undefined) {
    const band = price.times(Fixed.of(percent)).times(HUNDREDTH);
    low = price.minus(band);
    high = price.plus(band);
  }
  if (ticksBand !== undefined) {
    const ticksLow = price.minus(ticksBand);
    const ticksHigh = price.plus(ticksBand);
    low = low === undefined || ticksLow.gt(low) ? ticksLow : low;
    high = high === undefined || ticksHigh.lt(high) ? ticksHigh : high;
  }
  return low === undefined || high === undefined ? undefined : { low, high };
}

/** The child rules' decimal limits as Fixed: converted once per limits object, not per check. */
interface ChildLimits {
  readonly maxChildQuantity: Fixed | undefined;
  readonly maxChildNotional: Fixed | undefined;
}

const CHILD_LIMITS = new WeakMap<SymbolLimits, ChildLimits>();

function childLimitsOf(limits: SymbolLimits): ChildLimits {
  let fixed = CHILD_LIMITS.get(limits);
  if (fixed === undefined) {
    const { maxChildQuantity, maxChildNotional } = limits;
    fixed = {
      maxChildQuantity: maxChildQuantity === undefined ? undefined : Fixed.of(maxChildQuantity),
      maxChildNotional: maxChildNotional === undefined ? undefined : Fixed.of(maxChildNotional),
    };
    CHILD_LIMITS.set(limits, fixed);
  }
  return fixed;
}

/**
 * The first of a child's size and price rules it breaks, or undefined: maxChildQuantity,
 * maxChildNotional (quantity × limit price, or × the touch it would take for a market child) and
 * childCollar (the limit price within the collar of the touch: a buy's against the ask, a sell's
 * against the bid, either way; `ticksBand` is the collar's ticks as a price, see ticksBandOf). A
 * rule that needs the touch refuses when there is none. Pure, and cheap on a pass: a few
 * multiplications and comparisons, no division.
 */
export function childTermsRefusal(
  limits: SymbolLimits,
  child: FixedChild,
  touch: Touch | undefined,
  ticksBand: Fixed | undefined,
): RiskRefusal | undefined {
  const { maxChildQuantity, maxChildNotional, childCollar } = limits;
  const fixed = childLimitsOf(limits);
  const { terms, quantity, limitPrice, notional: limitNotional } = child;
  if (maxChildQuantity !== undefined && quantity.gt(fixed.maxChildQuantity!)) {
    return riskRefusal(
      'maxChildQuantity',
      maxChildQuantity.toString(),
      terms.quantity.toString(),
      'child quantity',
    );
  }
  const buy = terms.side === 'buy';
  const touchPrice = touch === undefined ? undefined : buy ? touch.ask : touch.bid;
  if (maxChildNotional !== undefined) {
    const price = limitPrice ?? touchPrice;
    if (price === undefined) return noTouch('maxChildNotional', maxChildNotional.toString(), terms);
    const notional = limitNotional ?? quantity.times(price);
    if (notional.gt(fixed.maxChildNotional!)) {
      return riskRefusal(
        'maxChildNotional',
        maxChildNotional.toString(),
        notional.toDecimal().toString(),
        'child notional',
      );
    }
  }
  if (childCollar === undefined || limitPrice === undefined) return undefined;
  const { percent, ticks } = childCollar;
  if (touch === undefined || touchPrice === undefined) {
    return noTouch('childCollar', collarText(percent, ticks), terms);
  }
  // The touch's bounds when it was worked out for this collar (two comparisons), else this
  // collar's bounds around the touch now (a touch from before the limits changed).
  const bounds =
    touch.percent === percent && touch.ticksBand === ticksBand
      ? buy
        ? touch.askBounds
        : touch.bidBounds
      : boundsOf(touchPrice, percent, ticksBand);
  if (bounds === undefined || (!limitPrice.lt(bounds.low) && !limitPrice.gt(bounds.high))) {
    return undefined;
  }
  const against = buy ? 'ask' : 'bid';
  const shown = buy ? touch.quote.askPx : touch.quote.bidPx;
  return riskRefusal(
    'childCollar',
    collarText(percent, ticks),
    terms.limitPrice!.toString(),
    `${terms.side} limit price against the ${against} ${shown.toString()},`,
  );
}

const HUNDREDTH = Fixed.of(decimal('0.01'));

/**
 * How far from the touch a collar of `ticks` lets a limit be: ticks × the symbol's tick size,
 * worked out once per symbol; undefined (not checked) without either.
 */
export function ticksBandOf(
  ticks: number | undefined,
  tickSize: Decimal | undefined,
): Decimal | undefined {
  return ticks === undefined || tickSize === undefined ? undefined : tickSize.times(ticks);
}

/** A collar as the refusal names it: `±5%`, `±3 ticks`, or both. */
function collarText(percent: Decimal | undefined, ticks: number | undefined): string {
  const parts = [
    ...(percent === undefined ? [] : [`±${percent.toString()}%`]),
    ...(ticks === undefined ? [] : [`±${ticks} ticks`]),
  ];
  return parts.join(' and ');
}

/** A rule that prices against the touch, refused because there is no quote of the symbol yet. */
function noTouch(rule: string, limit: string, child: ChildTerms): RiskRefusal {
  const side = child.side === 'buy' ? 'ask' : 'bid';
  return {
    rule,
    limit,
    value: 'no quote',
    message: `${rule}: no ${side} of ${child.symbol} to check against the limit ${limit}`,
  };
}
