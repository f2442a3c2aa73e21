import { DEFAULT_LIST_LIMIT } from '../engine/order-store.js';
import { extended } from '../market/extended.js';
import { HttpError } from '../server/http-error.js';
import { listOrdersQuery, NEXT_CURSOR_HEADER } from '../server/schemas.js';
import { type Forwarder, ShardUnavailable } from './forwarder.js';
import type { LeaseTable } from './lease-table.js';
import { type ListCursor, readCursor, type ShardPlace, writeCursor } from './list-cursor.js';

/** The header naming the shards a merged listing could not include (no live owner). */
export const UNAVAILABLE_SHARDS_HEADER = 'shards-unavailable';

/** The most orders one shard request asks for (the engine's own limit). */
const MAX_PAGE = 1000;

/** An order as a listing returns it; only `createdAt` is read here. */
interface ListedOrder {
  readonly createdAt: number;
}

/** What the client gets for `GET /v1/orders` through the gateway. */
export interface MergedPage {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
}

/** One shard's window: its orders from its place on, and where its page ended. */
interface Window {
  readonly shard: number;
  readonly place: ShardPlace;
  readonly orders: readonly ListedOrder[];
  /** The shard's own cursor after the page the window came from, if more follow. */
  readonly next: number | undefined;
}

/**
 * `GET /v1/orders` over every shard: the same query (status, clientOrderId) to each live owner,
 * merged newest first by `createdAt` (ties in shard order) as one engine lists them, cut at
 * `limit`. Each shard's own order is kept (a k-way merge), so what a page took from a shard is a
 * prefix of what the shard listed. Paging across shards: `Next-Cursor` is the gateway's own
 * (opaque) cursor holding, per shard, the shard's cursor and how many orders past it were already
 * listed; a page is exact for the orders that existed when the first page was read, but orders
 * placed on a shard between the first and the next page can make that shard's part of a later
 * page repeat up to that many orders (the engine's cursor is a position, and the first page of a
 * shard has none). A shard with no live owner is left out and named in `Shards-Unavailable`
 * (its place in a cursor is kept, so a later page still lists it).
 */
export async function mergedList(
  table: LeaseTable,
  forwarder: Forwarder,
  query: URLSearchParams,
  headers: Readonly<Record<string, string>>,
): Promise<MergedPage> {
  const limit = readLimit(query.get('limit'));
  const cursorText = query.get('cursor');
  const cursor: ListCursor =
    cursorText === null ? firstPage(table.shardCount) : readCursor(cursorText, table.shardCount);
  const base = new URLSearchParams(query);
  base.delete('cursor');
  base.delete('limit');
  const unavailable: number[] = [];
  const windows: Window[] = [];
  let refusal: MergedPage | undefined;
  await Promise.all(
    [...cursor.entries()].map(async ([shard, place]) => {
      try {
        windows.push(await windowOf(forwarder, shard, place, limit, base, headers));
      } catch (error) {
        if (error instanceof ShardUnavailable) unavailable.push(shard);
        else if (error instanceof ShardRefusal) refusal ??= error.page;
        else throw error;
      }
    }),
  );
  if (refusal !== undefined) return refusal;
  windows.sort((a, b) => a.shard - b.shard);
  const taken = windows.map(() => 0);
  const page: ListedOrder[] = [];
  while (page.length < limit) {
    let best = -1;
    for (let at = 0; at < windows.length; at++) {
      const head = windows[at]!.orders[taken[at]!];
      if (head === undefined) continue;
      const current = best < 0 ? undefined : windows[best]!.orders[taken[best]!]!;
      if (current === undefined || head.createdAt > current.createdAt) best = at;
    }
    if (best < 0) break;
    page.push(windows[best]!.orders[taken[best]!]!);
    taken[best]!++;
  }
  const next: ListCursor = new Map();
  windows.forEach((window, at) => {
    const place = placeAfter(window, taken[at]!);
    if (place !== undefined) next.set(window.shard, place);
  });
  for (const shard of unavailable) next.set(shard, cursor.get(shard)!);
  const answerHeaders: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
  };
  if (next.size > 0) answerHeaders[NEXT_CURSOR_HEADER] = writeCursor(next);
  if (unavailable.length > 0) {
    answerHeaders[UNAVAILABLE_SHARDS_HEADER] = unavailable.sort((a, b) => a - b).join(',');
  }
  return { status: 200, headers: answerHeaders, body: page };
}

/** A shard refused the listing (a bad status, say): its answer is the client's. */
class ShardRefusal extends Error {
  constructor(readonly page: MergedPage) {
    super('a shard refused the listing');
  }
}

/** The first page: every shard from its newest order. */
function firstPage(shardCount: number): ListCursor {
  return new Map(Array.from({ length: shardCount }, (_, shard) => [shard, { skip: 0 }]));
}

/** Where a shard stands once `taken` of its window were listed; undefined when it has no more. */
function placeAfter(window: Window, taken: number): ShardPlace | undefined {
  if (taken < window.orders.length) {
    return extended(window.place, { skip: window.place.skip + taken });
  }
  return window.next === undefined ? undefined : { cursor: window.next, skip: 0 };
}

/** Up to `limit` orders of a shard from its place on, walking its pages past those skipped. */
async function windowOf(
  forwarder: Forwarder,
  shard: number,
  start: ShardPlace,
  limit: number,
  base: URLSearchParams,
  headers: Readonly<Record<string, string>>,
): Promise<Window> {
  let place = start;
  for (;;) {
    const params = new URLSearchParams(base);
    params.set('limit', String(Math.min(MAX_PAGE, place.skip + limit)));
    if (place.cursor !== undefined) params.set('cursor', String(place.cursor));
    const answer = await forwarder.forward(shard, {
      method: 'GET',
      path: `/v1/orders?${params}`,
      headers,
    });
    if (answer.status !== 200) {
      throw new ShardRefusal({ status: answer.status, headers: answer.headers, body: answer.body });
    }
    const orders = JSON.parse(answer.body.toString('utf8')) as ListedOrder[];
    const nextHeader = answer.headers[NEXT_CURSOR_HEADER];
    const next = nextHeader === undefined ? undefined : Number(nextHeader);
    if (place.skip < orders.length || next === undefined) {
      return { shard, place, orders: orders.slice(place.skip), next };
    }
    place = { cursor: next, skip: place.skip - orders.length };
  }
}

const LIMIT = new RegExp(listOrdersQuery.properties.limit.pattern);

/** `limit` as the engine reads it (1–1000, default 100); a 400 naming it otherwise. */
function readLimit(text: string | null): number {
  if (text === null) return DEFAULT_LIST_LIMIT;
  if (!LIMIT.test(text)) {
    throw new HttpError(
      'invalid_request',
      `querystring.limit: ${listOrdersQuery.properties.limit.description}`,
    );
  }
  return Number(text);
}
