import { type Decimal, decimal } from '../market/decimal.js';
import type { Quote } from '../market/quote.js';
import type { Side } from '../market/side.js';
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
 * The first of a child's size and price rules it breaks, or undefined: maxChildQuantity,
 * maxChildNotional (quantity × limit price, or × the touch it would take for a market child) and
 * childCollar (the limit price within the collar of the touch: a buy's against the ask, a sell's
 * against the bid, either way; `ticksBand` is the collar's ticks as a price, see ticksBandOf). A
 * rule that needs the touch refuses when there is none. Pure, and cheap on a pass: a few
 * multiplications and comparisons, no division.
 */
export function childTermsRefusal(
  limits: SymbolLimits,
  child: ChildTerms,
  quote: Quote | undefined,
  ticksBand: Decimal | undefined,
): RiskRefusal | undefined {
  const { maxChildQuantity, maxChildNotional, childCollar } = limits;
  if (maxChildQuantity !== undefined && child.quantity.gt(maxChildQuantity)) {
    return riskRefusal(
      'maxChildQuantity',
      maxChildQuantity.toString(),
      child.quantity.toString(),
      'child quantity',
    );
  }
  const touch = quote === undefined ? undefined : child.side === 'buy' ? quote.askPx : quote.bidPx;
  if (maxChildNotional !== undefined) {
    const price = child.limitPrice ?? touch;
    if (price === undefined) return noTouch('maxChildNotional', maxChildNotional.toString(), child);
    const notional = child.quantity.times(price);
    if (notional.gt(maxChildNotional)) {
      return riskRefusal(
        'maxChildNotional',
        maxChildNotional.toString(),
        notional.toString(),
        'child notional',
      );
    }
  }
  if (childCollar === undefined || child.limitPrice === undefined) return undefined;
  const { percent, ticks } = childCollar;
  if (touch === undefined) return noTouch('childCollar', collarText(percent, ticks), child);
  const distance = child.limitPrice.minus(touch).abs();
  // distance / touch > percent / 100, without dividing.
  const outsidePercent = percent !== undefined && distance.times(HUNDRED).gt(touch.times(percent));
  const outsideTicks = ticksBand !== undefined && distance.gt(ticksBand);
  if (!outsidePercent && !outsideTicks) return undefined;
  const against = child.side === 'buy' ? 'ask' : 'bid';
  return riskRefusal(
    'childCollar',
    collarText(percent, ticks),
    child.limitPrice.toString(),
    `${child.side} limit price against the ${against} ${touch.toString()},`,
  );
}

const HUNDRED = decimal('100');

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
