import { type Decimal, decimal } from '../market/decimal.js';
import type { Side } from '../market/side.js';

const TEN_THOUSAND = decimal('10000');

/**
 * The cost of trading at `px` against `benchmark`, in basis points of the benchmark, positive when
 * it is a cost to this side: a buyer paying above it, a seller receiving below it.
 */
export function costBps(side: Side, px: Decimal, benchmark: Decimal): Decimal {
  const diff = side === 'buy' ? px.minus(benchmark) : benchmark.minus(px);
  return diff.times(TEN_THOUSAND).div(benchmark);
}

/** A figure as the report shows it: rounded half away from zero to `places`, never "-0". */
export function fixed(value: Decimal, places: number): string {
  const text = value.round(places, 1).toFixed(places);
  return /^-0\.?0*$/.test(text) ? text.slice(1) : text;
}

/** Bps as the report shows them: 2 places, or null for a figure without a benchmark. */
export function bpsText(value: Decimal | undefined): string | null {
  return value === undefined ? null : fixed(value, 2);
}

/** A ratio (participation, completion) as the report shows it: 4 places, or null. */
export function ratioText(value: Decimal | undefined): string | null {
  return value === undefined ? null : fixed(value, 4);
}

/** `a / b`, or undefined when b is zero (a ratio without a base). */
export function ratio(a: Decimal, b: Decimal): Decimal | undefined {
  return b.eq(0) ? undefined : a.div(b);
}

/** A decimal read back from the report's own text (or null). */
export function optionalDecimal(text: string | null): Decimal | undefined {
  return text === null ? undefined : decimal(text);
}

/** A price for people (tables): rounded to 6 places, trailing zeros dropped; "-" for none. */
export function priceText(text: string | null): string {
  return text === null ? '-' : decimal(text).round(6, 1).toString();
}
