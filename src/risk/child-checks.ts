import type { Decimal } from '../market/decimal.js';
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
 * The touch a child is checked against: the quote, and its bid and ask as Fixed; with a collar's
 * `percent`, each side times that percent (100 × how far the collar lets a limit be from it).
 */
export interface Touch {
  readonly quote: Quote;
  readonly bid: Fixed;
  readonly ask: Fixed;
  /** The collar percent `bidBand` and `askBand` were worked out for. */
  readonly percent: Decimal | undefined;
  readonly bidBand: Fixed | undefined;
  readonly askBand: Fixed | undefined;
}

/**
 * The quote's touch, converted, with its bands for a collar of `percent` when given (once per
 * quote: see RiskCheckedVenue).
 */
export function touchOf(quote: Quote, percent?: Decimal): Touch {
  const bid = Fixed.of(quote.bidPx);
  const ask = Fixed.of(quote.askPx);
  if (percent === undefined) {
    return { quote, bid, ask, percent, bidBand: undefined, askBand: undefined };
  }
  const times = Fixed.of(percent);
  return { quote, bid, ask, percent, bidBand: bid.times(times), askBand: ask.times(times) };
}

/** The child rules' decimal limits as Fixed: converted once per limits object, not per check. */
interface ChildLimits {
  readonly maxChildQuantity: Fixed | undefined;
  readonly maxChildNotional: Fixed | undefined;
  readonly percent: Fixed | undefined;
}

const CHILD_LIMITS = new WeakMap<SymbolLimits, ChildLimits>();

function childLimitsOf(limits: SymbolLimits): ChildLimits {
  let fixed = CHILD_LIMITS.get(limits);
  if (fixed === undefined) {
    const { maxChildQuantity, maxChildNotional, childCollar } = limits;
    fixed = {
      maxChildQuantity: maxChildQuantity === undefined ? undefined : Fixed.of(maxChildQuantity),
      maxChildNotional: maxChildNotional === undefined ? undefined : Fixed.of(maxChildNotional),
      percent: childCollar?.percent === undefined ? undefined : Fixed.of(childCollar.percent),
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
  const distance = limitPrice.minus(touchPrice).abs();
  // distance / touch > percent / 100, without dividing: the touch × percent from the touch when
  // it was worked out for this percent.
  const band = touch.percent === percent ? (buy ? touch.askBand : touch.bidBand) : undefined;
  const outsidePercent =
    percent !== undefined && distance.times(HUNDRED).gt(band ?? touchPrice.times(fixed.percent!));
  const outsideTicks = ticksBand !== undefined && distance.gt(ticksBand);
  if (!outsidePercent && !outsideTicks) return undefined;
  const against = buy ? 'ask' : 'bid';
  const shown = buy ? touch.quote.askPx : touch.quote.bidPx;
  return riskRefusal(
    'childCollar',
    collarText(percent, ticks),
    terms.limitPrice!.toString(),
    `${terms.side} limit price against the ${against} ${shown.toString()},`,
  );
}

const HUNDRED = Fixed.ofInteger(100);

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
