import { describe, expect, it } from 'vitest';
import { shardOf } from '../../src/shards/shard-of.js';
import { pgReachable, usePgSchemas } from '../journal/backends.js';
import { type Exo, exo, standaloneVenue } from './run-exo.js';

/** Shards of the cluster's journal; each of two workers serves half of them. */
const SHARDS = 4;
const SYMBOLS = ['BTC-USD', 'ETH-USD', 'SOL-USD'];
const TTL_MS = 2_000;
const freshJournal = usePgSchemas();

/** A worker serving `shards` of `journal` against the standalone venue. */
function worker(journal: string, venueUrl: string, shards: string): Exo {
  return exo([
    ...['worker', '--journal', journal, '--venue', venueUrl],
    ...['--shards', shards, '--shard-count', String(SHARDS)],
    ...['--no-risk-limits', '--log-level', 'warn'],
  ]);
}

/** Two workers (shards 0-1 and 2-3) and a gateway in front, once every shard is served. */
async function cluster(journal: string, venueUrl: string) {
  const workers = [worker(journal, venueUrl, '0-1'), worker(journal, venueUrl, '2-3')];
  const gateway = exo(['gateway', '--journal', journal, '--port', '0', '--log-level', 'warn']);
  await expect
    .poll(() => gateway.stderr(), { timeout: 30_000 })
    .toMatch(/exo gateway: serving http:\/\/\S+/);
  const url = /exo gateway: serving (http:\/\/\S+?)\/? /.exec(gateway.stderr())![1]!;
  await expect
    .poll(
      async () => {
        const health = await fetch(`${url}/healthz`).catch(() => undefined);
        return health === undefined ? 'down' : ((await health.json()) as { status: string }).status;
      },
      { timeout: 60_000, interval: 200 },
    )
    .toBe('ok');
  return {
    url,
    async stop(): Promise<void> {
      for (const process of [gateway, ...workers]) process.child.kill('SIGTERM');
      for (const process of [gateway, ...workers]) expect(await process.exited).toBe(0);
    },
  };
}

/** Posts a new order through `url` under `key`; the answer's status, order ID and replay flag. */
async function post(url: string, body: Record<string, unknown>, key: string) {
  const answer = await fetch(`${url}/v1/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify(body),
  });
  const { orderId } = (await answer.json()) as { orderId: string };
  return {
    status: answer.status,
    orderId,
    replayed: answer.headers.get('idempotent-replayed') === 'true',
  };
}

/** An order as the gateway shows it: status, quantity filled and fills. */
async function orderAt(url: string, orderId: string) {
  const answer = await fetch(`${url}/v1/orders/${orderId}`);
  expect(answer.status).toBe(200);
  const { status, cumQty, fills } = (await answer.json()) as {
    status: string;
    cumQty: string;
    fills: unknown[];
  };
  return { status, cumQty, fills };
}

describe.skipIf(!pgReachable)('a cluster: two workers and a gateway on one sharded journal', () => {
  it('routes each symbol to its shard, answers a repeated key once, and after a restart of the whole cluster shows every order as it was', async () => {
    const { url: journal } = freshJournal(`&lease_ms=${TTL_MS}`);
    const venueUrl = await standaloneVenue();
    const first = await cluster(journal, venueUrl);

    const placed = new Map<string, string>();
    for (const symbol of SYMBOLS) {
      const body = { side: 'buy', symbol, quantity: '0.01', algo: 'take' };
      const answer = await post(first.url, body, `k-${symbol}`);
      expect(answer.status).toBe(201);
      expect(answer.orderId).toMatch(new RegExp(`^exo${shardOf(symbol, SHARDS).toString(36)}-`));
      // The same key again: the owner answers it once, the same order.
      expect(await post(first.url, body, `k-${symbol}`)).toEqual({ ...answer, replayed: true });
      placed.set(symbol, answer.orderId);
    }
    const before = new Map<string, Awaited<ReturnType<typeof orderAt>>>();
    for (const orderId of placed.values()) {
      await expect
        .poll(async () => (await orderAt(first.url, orderId)).status, { timeout: 15_000 })
        .toBe('filled');
      before.set(orderId, await orderAt(first.url, orderId));
    }
    // The list merges every shard's orders.
    const listed = (await (await fetch(`${first.url}/v1/orders`)).json()) as { orderId: string }[];
    expect(listed.map((order) => order.orderId).sort()).toEqual([...placed.values()].sort());

    await first.stop();
    const again = await cluster(journal, venueUrl);
    for (const [orderId, seen] of before) expect(await orderAt(again.url, orderId)).toEqual(seen);
    // A key answered before the restart is still answered once, with the same order.
    const symbol = SYMBOLS[0]!;
    const repeated = await post(
      again.url,
      { side: 'buy', symbol, quantity: '0.01', algo: 'take' },
      `k-${symbol}`,
    );
    expect(repeated).toMatchObject({ status: 201, orderId: placed.get(symbol), replayed: true });
    await again.stop();
  }, 180_000);
});
