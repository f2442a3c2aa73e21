/**
 * A decimal held as an integer mantissa and a scale (digits after the point), so consecutive
 * prices of one field pack as small integer deltas. Only text that prints back exactly is held
 * this way (`65000.10` keeps its trailing zero as scale 2); anything else travels as its string.
 */
export interface DecimalSlot {
  mantissa: number;
  scale: number;
  text: string;
}

/** Plain decimals without superfluous zeros before the point, short enough to be exact. */
const PLAIN = /^-?(0|[1-9]\d*)(\.\d+)?$/;

/** The slot for `text`, or undefined when it cannot print back exactly from one. */
export function slotOf(text: string): DecimalSlot | undefined {
  if (text.length > 17 || !PLAIN.test(text)) return undefined;
  const dot = text.indexOf('.');
  const digits = dot < 0 ? text : text.slice(0, dot) + text.slice(dot + 1);
  const mantissa = Number(digits);
  if (!Number.isSafeInteger(mantissa) || (mantissa === 0 && text.startsWith('-'))) {
    return undefined;
  }
  return { mantissa, scale: dot < 0 ? 0 : text.length - dot - 1, text };
}

/** The text of `mantissa` at `scale`: `formatDecimal(6500010, 2)` is `65000.10`. */
export function formatDecimal(mantissa: number, scale: number): string {
  if (scale === 0) return String(mantissa);
  const negative = mantissa < 0;
  let digits = String(negative ? -mantissa : mantissa);
  let cut = digits.length - scale;
  if (cut <= 0) {
    digits = '0'.repeat(1 - cut) + digits;
    cut = 1;
  }
  const text = `${digits.slice(0, cut)}.${digits.slice(cut)}`;
  return negative ? `-${text}` : text;
}
