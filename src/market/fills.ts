import { Decimal, decimalPlaces, sign, ZERO } from './decimal.js';

/** One execution's figures: how much filled and at what price. */
export interface Fill {
  readonly qty: Decimal;
  readonly px: Decimal;
}

/**
 * One execution on one child order, unique by `execId`: what exo (FillRecord) and a venue
 * (VenueFill) both record of a fill. It is declared here, in the domain, so that both can extend
 * it: venues/ sits below orders/ and cannot import exo's own record.
 */
export interface Execution extends Fill {
  /** Unique per fill at its venue. */
  readonly execId: string;
  /** The child order that filled. */
  readonly clOrdId: string;
  /** Milliseconds since the epoch. */
  readonly time: number;
}

/** An order's filled figures so far, as a venue's cumQty and avgPx report them. */
export interface Cumulative {
  readonly cumQty: Decimal;
  /** Undefined until something has filled: there is no average price of nothing. */
  readonly avgPx: Decimal | undefined;
  /** Sum of qty times px, carried so that adding fills one at a time stays exact. */
  readonly notional: Decimal;
}

/** The figures of an order that has not filled yet: where every fold over fills starts. */
export const NOTHING_FILLED: Cumulative = Object.freeze({
  cumQty: ZERO,
  avgPx: undefined,
  notional: ZERO,
});

/**
 * The figures after one more fill. Exact when `cum` carries its notional (as every Cumulative
 * does); from a venue's bare cumQty and avgPx, the notional is rebuilt as their product.
 * Throws on a negative quantity, or a positive cumQty that comes without avgPx or notional.
 */
export function addFill(
  cum: {
    readonly cumQty: Decimal;
    readonly avgPx?: Decimal | undefined;
    readonly notional?: Decimal;
  },
  qty: Decimal,
  px: Decimal,
): Cumulative {
  if (sign(qty) < 0) {
    throw new RangeError(`fill quantity must not be negative, got ${qty.toString()}`);
  }
  const before = cum.notional ?? priorNotional(cum.cumQty, cum.avgPx);
  const cumQty = cum.cumQty.plus(qty);
  const notional = before.plus(qty.times(px));
  return { cumQty, avgPx: averagePrice(cumQty, notional, before, px), notional };
}

/** The cumulative figures of a list of fills: exact sums, and one rounded division for avgPx. */
export function cumulative(fills: Iterable<Fill>): Cumulative {
  let cum = NOTHING_FILLED;
  for (const fill of fills) cum = addFill(cum, fill.qty, fill.px);
  return cum;
}

/**
 * notional / cumQty, or undefined for nothing filled. After a first fill that is exactly the
 * fill's price (qty * px / qty), so the 20-place division is skipped when the price has no more
 * places than a division keeps: most orders fill once, at one price.
 */
function averagePrice(
  cumQty: Decimal,
  notional: Decimal,
  before: Decimal,
  px: Decimal,
): Decimal | undefined {
  if (sign(cumQty) === 0) return undefined;
  if (sign(before) === 0 && decimalPlaces(px) <= Decimal.DP) return px;
  return notional.div(cumQty);
}

function priorNotional(cumQty: Decimal, avgPx: Decimal | undefined): Decimal {
  if (sign(cumQty) === 0) return ZERO;
  if (avgPx === undefined) {
    throw new RangeError(`avgPx is required with a positive cumQty (${cumQty.toString()})`);
  }
  return avgPx.times(cumQty);
}
