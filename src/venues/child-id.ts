/**
 * Base-36 digits a child number may take: 36^5 − 1, some sixty million child IDs per parent. With
 * an order ID of at most 30 characters (MAX_ORDER_ID_LENGTH), `<parentId>-<n>` stays within 36.
 */
const CHILD_NUMBER_DIGITS = 5;

/** The highest child number: a parent never names more children (or renamed children) than this. */
export const MAX_CHILD_NUMBER = 36 ** CHILD_NUMBER_DIGITS - 1;

/**
 * The client order ID of a parent's `n`th child ID, `<parentId>-<n>` with `n` in base 36, so that a
 * long-lived parent (a peg re-pricing all day, each replace a new ID at a venue that renames) stays
 * within 36 characters of `[a-zA-Z0-9-]`. Throws RangeError for an `n` outside 1..MAX_CHILD_NUMBER.
 */
export function childClOrdId(parentId: string, n: number): string {
  if (!Number.isSafeInteger(n) || n < 1 || n > MAX_CHILD_NUMBER) {
    throw new RangeError(`child number ${n} is outside 1..${MAX_CHILD_NUMBER}`);
  }
  return `${parentId}-${n.toString(36)}`;
}

/**
 * The n of a child's `<parentId>-<n>` clOrdId, or 0 when it is not of that form. Journals written
 * before n was base 36 hold it in decimal: read in base 36, such an n only grows (and keeps its
 * order among decimal ones), so the next child number still lies above every ID a parent used.
 */
export function childNumber(parentId: string, clOrdId: string): number {
  const prefix = `${parentId}-`;
  if (!clOrdId.startsWith(prefix)) return 0;
  const digits = clOrdId.slice(prefix.length);
  if (!/^[0-9a-z]+$/.test(digits)) return 0;
  const n = Number.parseInt(digits, 36);
  return Number.isSafeInteger(n) && n > 0 ? n : 0;
}

/**
 * The parent order ID inside a child's `<parentId>-<n>` clOrdId: how a venue addresses a reject
 * about a child it never saw. An ID without the suffix is returned whole.
 */
export function parentIdOf(clOrdId: string): string {
  const dash = clOrdId.lastIndexOf('-');
  return dash > 0 ? clOrdId.slice(0, dash) : clOrdId;
}
