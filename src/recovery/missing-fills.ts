import { type Decimal, ZERO } from '../market/decimal.js';
import type { FillRecord } from '../orders/order-snapshot.js';
import { type RetryOptions, withRetry } from '../util/retry.js';
import type { Venue } from '../venues/venue.js';
import type { VenueFill } from '../venues/venue-queries.js';

/** What exo has applied of one child's fills: their total quantity and notional, and their IDs. */
export interface AppliedToChild {
  readonly qty: Decimal;
  /** The sum of quantity × price over the applied fills. */
  readonly notional: Decimal;
  /** Whether a fill with this exec ID was applied to the child. */
  has(execId: string): boolean;
}

/**
 * A fill exo books itself for a difference the venue could not account for: a FillRecord's exec
 * ID, quantity and price, the child and time being added when it is booked. Its exec ID is
 * `synthetic-<clOrdId>-<cumQty>`, so the same gap found twice is booked once.
 */
export type SyntheticFill = Pick<FillRecord, 'execId' | 'qty' | 'px'>;

/** What a child lacks for its applied fills to reach the venue's cumQty. */
export interface MissingFills {
  /** The venue's fills of the child that exo has not applied, in the venue's order. */
  readonly fills: readonly VenueFill[];
  /** The difference the venue's fills leave, booked at the price its avgPx implies. */
  readonly synthetic?: SyntheticFill;
  /** A difference left unbooked because the venue gave no avgPx to price it at. */
  readonly unpriced?: Decimal;
}

/** Decimal places of a synthetic fill's price: exact enough to keep the parent's avgPx right. */
const SYNTHETIC_PRICE_PLACES = 12;

/**
 * The fills that bring a child's applied quantity up to the venue's cumQty, the FIX rule that
 * CumQty and AvgPx are the order's truth. First come the fills the venue lists that exo has not
 * applied, then one synthetic fill for whatever they still leave short. Its price is the one the
 * venue's avgPx implies for that quantity, so the child's avgPx comes out as the venue says.
 * Nothing is missing when cumQty is not above what is applied.
 */
export function missingFills(
  clOrdId: string,
  applied: AppliedToChild,
  venueFills: readonly VenueFill[],
  cumQty: Decimal,
  avgPx: Decimal | undefined,
): MissingFills {
  if (!cumQty.gt(applied.qty)) return { fills: [] };
  const fills: VenueFill[] = [];
  let qty = applied.qty;
  let notional = applied.notional;
  for (const fill of venueFills) {
    if (fill.clOrdId !== clOrdId || applied.has(fill.execId)) continue;
    if (fills.some((known) => known.execId === fill.execId)) continue;
    fills.push(fill);
    qty = qty.plus(fill.qty);
    notional = notional.plus(fill.qty.times(fill.px));
  }
  const short = cumQty.minus(qty);
  if (!short.gt(ZERO)) return { fills };
  if (avgPx === undefined) return { fills, unpriced: short };
  const px = cumQty.times(avgPx).minus(notional).div(short).round(SYNTHETIC_PRICE_PLACES);
  if (!px.gt(ZERO)) return { fills, unpriced: short };
  return {
    fills,
    synthetic: { execId: `synthetic-${clOrdId}-${cumQty.toFixed()}`, qty: short, px },
  };
}

/**
 * Asks the venue for a child's fills and works out what the child lacks to reach `cumQty` (see
 * missingFills). A venue that cannot list one order's fills lists none, so the whole difference is
 * synthetic; one that cannot be reached is asked again, with backoff, until it answers.
 */
export async function askMissingFills(
  venue: Venue,
  clOrdId: string,
  applied: AppliedToChild,
  figures: { readonly cumQty: Decimal; readonly avgPx?: Decimal | undefined },
  retry: RetryOptions,
): Promise<MissingFills> {
  const fillsOf = venue.fillsOf?.bind(venue);
  const listed = fillsOf === undefined ? [] : await withRetry(() => fillsOf(clOrdId), retry);
  return missingFills(clOrdId, applied, listed, figures.cumQty, figures.avgPx);
}

/** What exo says of a fill the venue listed and the journal lacked. */
export function missedFillText(venue: string, fill: VenueFill): string {
  return `fill ${fill.execId} (${fill.qty.toFixed()} @ ${fill.px.toFixed()}) was missed: recovered from venue ${venue}`;
}

/** What exo says of a synthetic fill it booked. */
export function syntheticFillText(venue: string, cumQty: Decimal, fill: SyntheticFill): string {
  return `venue ${venue} reports cumQty ${cumQty.toFixed()} but lists no fill for ${fill.qty.toFixed()} of it: booked a synthetic fill at ${fill.px.toFixed()}`;
}

/** What exo says of a difference it could not book, for want of an avgPx. */
export function unpricedText(venue: string, cumQty: Decimal, short: Decimal): string {
  return `venue ${venue} reports cumQty ${cumQty.toFixed()}, ${short.toFixed()} more than exo can account for, with no avgPx to book it at`;
}
