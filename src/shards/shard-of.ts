/**
 * Shards: a symbol belongs to shard `shardOf(symbol, count)`, so its market data, conflation and
 * parents stay in one worker. The hash is FNV-1a (32-bit) over the symbol's UTF-8 bytes: stable
 * across processes, machines and versions, as it must be (the shard count is fixed when a journal
 * is set up, and a symbol moving shard would split its orders).
 */

/** The most shards a journal can have: a shard is one base-36 digit in order IDs. */
export const MAX_SHARDS = 36;

/** The shard count `exo worker` sets up a journal with unless told otherwise. */
export const DEFAULT_SHARD_COUNT = 16;

const encoder = new TextEncoder();

/** The shard of `symbol` among `count` shards (0 ≤ shard < count). */
export function shardOf(symbol: string, count: number): number {
  checkCount(count);
  let hash = 0x811c9dc5;
  for (const byte of encoder.encode(symbol)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % count;
}

/**
 * The order ID prefix of a shard's orders (`exo<digit>-`, the shard in base 36): the gateway
 * routes an order ID to its shard by it, and each shard reconciles only the venue orders under
 * its own prefix. A journal of one shard (the single-process case) keeps the plain `exo-`.
 */
export function shardPrefix(shard: number, count: number): string {
  checkCount(count);
  if (!Number.isInteger(shard) || shard < 0 || shard >= count) {
    throw new RangeError(`shard ${shard} is not one of 0–${count - 1}`);
  }
  return count === 1 ? 'exo-' : `exo${shard.toString(36)}-`;
}

/** The shard an order ID (or a child's client ID) of a sharded journal names; undefined if none. */
export function shardOfOrderId(orderId: string, count: number): number | undefined {
  checkCount(count);
  if (count === 1) return orderId.startsWith('exo-') ? 0 : undefined;
  const match = /^exo([0-9a-z])-/.exec(orderId);
  if (match === null) return undefined;
  const shard = Number.parseInt(match[1]!, 36);
  return shard < count ? shard : undefined;
}

/**
 * The shards a `--shards` value names, ascending: `all`, or a list of shards and ranges
 * (`0-7`, `1,3,8-11`). Throws a RangeError naming what is wrong for anything else, for a shard
 * outside 0…count−1, or for a range that runs backwards.
 */
export function parseShards(text: string, count: number): number[] {
  checkCount(count);
  if (text.trim() === 'all') return Array.from({ length: count }, (_, shard) => shard);
  const shards = new Set<number>();
  for (const part of text.split(',')) {
    const match = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(part);
    if (match === null) {
      throw new RangeError(
        `shards: expected all or a list like 0-7 or 1,3,8-11, got ${JSON.stringify(text)}`,
      );
    }
    const from = Number(match[1]);
    const to = match[2] === undefined ? from : Number(match[2]);
    if (to < from) throw new RangeError(`shards: the range ${from}-${to} runs backwards`);
    if (to >= count) throw new RangeError(`shards: ${to} is not one of 0–${count - 1}`);
    for (let shard = from; shard <= to; shard++) shards.add(shard);
  }
  return [...shards].sort((a, b) => a - b);
}

function checkCount(count: number): void {
  if (!Number.isInteger(count) || count < 1 || count > MAX_SHARDS) {
    throw new RangeError(`a shard count is an integer from 1 to ${MAX_SHARDS}, not ${count}`);
  }
}
