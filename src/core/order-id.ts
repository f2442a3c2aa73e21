import { randomBytes } from 'node:crypto';

/**
 * The longest order ID a generator hands out: a child's clOrdId is `<orderId>-<n>`, and venues cap
 * clOrdIds (Binance at 36 of `[a-zA-Z0-9-_]`), which leaves 30 for the order and 5 digits for `n`.
 */
export const MAX_ORDER_ID_LENGTH = 30;

/** Counter digits (base 36) a stem must leave room for: 36^6, some two billion orders. */
const COUNTER_ROOM = 6;

/**
 * A generator of order IDs unique across processes and restarts, not only within one:
 * `<prefix><base-36 start time>-<7 random base-36 chars>-<base-36 counter>`. The random part
 * (32 bits) tells apart two generators started in the same millisecond, here or in another process.
 * IDs use only `[a-zA-Z0-9-]` and stay within MAX_ORDER_ID_LENGTH; a prefix that would break either
 * is refused with a RangeError. Once the counter has used its `counterDigits` (6 by default; fewer
 * only in tests), the generator starts a new stem (the time then, fresh random bits) rather than
 * let an ID grow past the bound.
 */
export function orderIdGenerator(
  prefix = 'exo-',
  start = Date.now(),
  counterDigits = COUNTER_ROOM,
): () => string {
  if (!/^[a-zA-Z0-9-]*$/.test(prefix)) {
    throw new RangeError(`order ID prefix ${JSON.stringify(prefix)}: only [a-zA-Z0-9-] allowed`);
  }
  const stemAt = (time: number): string => {
    const random = randomBytes(4).readUInt32BE(0).toString(36).padStart(7, '0');
    const stem = `${prefix}${Math.max(0, Math.trunc(time)).toString(36)}-${random}-`;
    if (stem.length + COUNTER_ROOM > MAX_ORDER_ID_LENGTH) {
      throw new RangeError(
        `order ID prefix ${JSON.stringify(prefix)} is too long: IDs would exceed ${MAX_ORDER_ID_LENGTH} characters`,
      );
    }
    return stem;
  };
  const last = 36 ** Math.min(counterDigits, COUNTER_ROOM) - 1;
  let stem = stemAt(start);
  let next = 0;
  return () => {
    if (next >= last) {
      stem = stemAt(Math.max(start, Date.now()));
      next = 0;
    }
    return `${stem}${(++next).toString(36)}`;
  };
}
