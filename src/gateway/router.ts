import { HttpError } from '../server/http-error.js';
import { shardOf, shardOfOrderId } from '../shards/shard-of.js';

/**
 * The shard a new order goes to: that of its `symbol`, read from the raw JSON body. Throws an
 * HttpError naming what is wrong when the body is not JSON, not an object, or has no string
 * `symbol` (the owner checks every other field itself).
 */
export function shardOfNewOrder(
  body: Buffer | undefined,
  contentType: string | undefined,
  shardCount: number,
): number {
  if (body === undefined || body.length === 0) {
    throw new HttpError('invalid_request', 'body: required (an order as JSON)');
  }
  const shard = shardOfSymbolIn(body, contentType, shardCount, 'an order');
  if (shard === undefined) throw new HttpError('invalid_request', 'body.symbol: required');
  return shard;
}

/**
 * The shard of the `symbol` a JSON body names, or undefined when the body is empty or names
 * none: a halt, resume or trading state for one symbol goes to that symbol's shard alone (only
 * its engine knows the symbol), one for everything to every shard. Throws an HttpError naming
 * what is wrong for a body that is not a JSON object or whose `symbol` is not a non-empty string.
 */
export function shardOfSymbolIn(
  body: Buffer | undefined,
  contentType: string | undefined,
  shardCount: number,
  what = 'a JSON object',
): number | undefined {
  if (body === undefined || body.length === 0) return undefined;
  if (contentType !== undefined && !/^application\/json\b/i.test(contentType)) {
    throw new HttpError(
      'unsupported_media_type',
      `content-type: ${JSON.stringify(contentType.slice(0, 100))} is not application/json`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw new HttpError('invalid_request', `body: not valid JSON (${(error as Error).message})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new HttpError('invalid_request', `body: must be a JSON object (${what})`);
  }
  const symbol = (value as { symbol?: unknown }).symbol;
  if (symbol === undefined) return undefined;
  if (typeof symbol !== 'string' || symbol === '') {
    throw new HttpError('invalid_request', 'body.symbol: must be a non-empty string');
  }
  return shardOf(symbol, shardCount);
}

/**
 * The shard an order ID names by its prefix (`exo<shard>-`). An ID that names no shard of this
 * journal cannot be an order's: 404 `unknown_order`, saying so.
 */
export function shardOfOrder(orderId: string, shardCount: number): number {
  const shard = shardOfOrderId(orderId, shardCount);
  if (shard === undefined) {
    const expected = shardCount === 1 ? 'exo-' : `exo<0–${(shardCount - 1).toString(36)}>-`;
    throw new HttpError(
      'unknown_order',
      `no order ${orderId}: its ID names no shard of ${shardCount} (IDs here start ${expected})`,
    );
  }
  return shard;
}
