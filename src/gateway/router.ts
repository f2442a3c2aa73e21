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
  if (contentType !== undefined && !/^application\/json\b/i.test(contentType)) {
    throw new HttpError(
      'unsupported_media_type',
      `content-type: ${JSON.stringify(contentType.slice(0, 100))} is not application/json`,
    );
  }
  if (body === undefined || body.length === 0) {
    throw new HttpError('invalid_request', 'body: required (an order as JSON)');
  }
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw new HttpError('invalid_request', `body: not valid JSON (${(error as Error).message})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new HttpError('invalid_request', 'body: must be a JSON object (an order)');
  }
  const symbol = (value as { symbol?: unknown }).symbol;
  if (symbol === undefined) throw new HttpError('invalid_request', 'body.symbol: required');
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
