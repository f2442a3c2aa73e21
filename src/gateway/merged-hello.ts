import { shardOf } from '../shards/shard-of.js';
import type { LeaseTable, ShardOwner } from './lease-table.js';
import { readEvents } from './sse-reader.js';

/** How long an owner has to send its hello before the gateway's hello goes without it. */
const HELLO_TIMEOUT_MS = 2_000;

/** An exo `hello` event's data, as far as the gateway reads it. */
interface Hello {
  readonly symbols?: readonly string[];
  readonly algos?: readonly string[];
  readonly orders?: readonly { readonly createdAt: number }[];
  readonly quotes?: readonly { readonly symbol: string }[];
  readonly stats?: Readonly<Record<string, unknown>>;
}

/**
 * The gateway's `hello` for a new client, from a fresh hello of every live owner (each read by
 * opening the owner's stream just long enough): symbols and algorithms of all, the newest
 * `orders` of all (by `createdAt`), each shard's quotes for its own symbols, the stats summed
 * (`time` the latest, `conflationRatio` the mean), and `shards`: each shard's owner and epoch,
 * or `unavailable` for a shard whose owner did not answer.
 */
export async function mergedHello(
  table: LeaseTable,
  orders: number,
  authorization?: string,
): Promise<Record<string, unknown>> {
  const owners = table.owners();
  const hellos = await Promise.all(owners.map((owner) => helloOf(owner, authorization)));
  const symbols = new Set<string>();
  const algos = new Set<string>();
  const allOrders: { readonly createdAt: number }[] = [];
  const quotes: unknown[] = [];
  const stats: Readonly<Record<string, unknown>>[] = [];
  const shards: Record<string, unknown>[] = [];
  for (let shard = 0; shard < table.shardCount; shard++) {
    const at = owners.findIndex((owner) => owner.shard === shard);
    const hello = at < 0 ? undefined : hellos[at];
    if (hello === undefined) {
      shards.push({ shard, unavailable: true });
      continue;
    }
    const { owner, epoch } = owners[at]!;
    shards.push({ shard, owner, epoch });
    for (const symbol of hello.symbols ?? []) symbols.add(symbol);
    for (const algo of hello.algos ?? []) algos.add(algo);
    allOrders.push(...(hello.orders ?? []));
    quotes.push(
      ...(hello.quotes ?? []).filter((q) => shardOf(q.symbol, table.shardCount) === shard),
    );
    if (hello.stats !== undefined) stats.push(hello.stats);
  }
  allOrders.sort((a, b) => b.createdAt - a.createdAt);
  return {
    symbols: [...symbols],
    algos: [...algos],
    orders: allOrders.slice(0, orders),
    quotes,
    stats: summedStats(stats),
    shards,
  };
}

/** Engine stats of several shards as one: counts summed, the latest time, the mean ratio. */
function summedStats(all: readonly Readonly<Record<string, unknown>>[]): Record<string, number> {
  const sum: Record<string, number> = {};
  for (const stats of all) {
    for (const [name, value] of Object.entries(stats)) {
      if (typeof value !== 'number') continue;
      sum[name] = name === 'time' ? Math.max(sum[name] ?? 0, value) : (sum[name] ?? 0) + value;
    }
  }
  if (sum.conflationRatio !== undefined && all.length > 0) sum.conflationRatio /= all.length;
  return sum;
}

/** An owner's hello, read from the start of its stream; undefined if it sends none in time. */
function helloOf(owner: ShardOwner, authorization?: string): Promise<Hello | undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => done(undefined), HELLO_TIMEOUT_MS);
    const reader = readEvents(
      `${owner.address}/v1/events`,
      {
        onFrame: (frame) => {
          if (frame.event !== 'hello') return;
          try {
            done(JSON.parse(frame.data) as Hello);
          } catch {
            done(undefined);
          }
        },
        onEnd: () => done(undefined),
      },
      authorization === undefined ? {} : { authorization },
    );
    function done(hello: Hello | undefined): void {
      clearTimeout(timer);
      reader.close();
      resolve(hello);
    }
  });
}
