import { HttpError } from '../server/http-error.js';

/** Where a merged listing stands on one shard: the shard's own cursor, and how many past it were listed. */
export interface ShardPlace {
  /** The shard's `Next-Cursor` the place counts from; absent: from its newest order. */
  readonly cursor?: number;
  /** How many orders from there the gateway already listed. */
  readonly skip: number;
}

/** A merged listing's place on every shard that has more orders, by shard. */
export type ListCursor = Map<number, ShardPlace>;

/** The gateway's cursors start so; the engine's are plain numbers, so the two never mix. */
const PREFIX = 'g1.';

/** The most characters of a cursor read. */
const MAX_LENGTH = 4096;

/** A cursor as the `Next-Cursor` header carries it: opaque, URL-safe. */
export function writeCursor(cursor: ListCursor): string {
  const entries = [...cursor.entries()].map(([shard, place]) => [
    shard,
    place.cursor ?? null,
    place.skip,
  ]);
  return PREFIX + Buffer.from(JSON.stringify(entries)).toString('base64url');
}

/** Reads a cursor the gateway wrote; a 400 naming `cursor` for anything else. */
export function readCursor(text: string, shardCount: number): ListCursor {
  const invalid = new HttpError(
    'invalid_request',
    'querystring.cursor: not a Next-Cursor this gateway gave (pass the header of the previous page unchanged)',
  );
  if (!text.startsWith(PREFIX) || text.length > MAX_LENGTH) throw invalid;
  let entries: unknown;
  try {
    entries = JSON.parse(Buffer.from(text.slice(PREFIX.length), 'base64url').toString('utf8'));
  } catch {
    throw invalid;
  }
  if (!Array.isArray(entries)) throw invalid;
  const cursor: ListCursor = new Map();
  for (const entry of entries) {
    if (!Array.isArray(entry) || entry.length !== 3) throw invalid;
    const [shard, at, skip] = entry as unknown[];
    if (!isCount(shard) || shard >= shardCount || cursor.has(shard)) throw invalid;
    if (!(at === null || isCount(at)) || !isCount(skip)) throw invalid;
    cursor.set(shard, at === null ? { skip } : { cursor: at, skip });
  }
  return cursor;
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
