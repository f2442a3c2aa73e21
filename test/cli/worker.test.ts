import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { shardOf } from '../../src/shards/shard-of.js';
import { PG_TEST_URL, pgReachable, usePgSchemas } from '../journal/backends.js';
import { type Exo, exo, logLines, placeOrder, standaloneVenue } from './run-exo.js';

/** Shards of the test journals: the three simulated symbols fall on two of them. */
const SHARDS = 4;
const SYMBOLS = ['BTC-USD', 'ETH-USD', 'SOL-USD'];
/**
 * The lease's TTL. Not shorter: starting a shard's HTTP server stalls the event loop for some
 * hundreds of milliseconds on a loaded machine (fastify compiling its routes), and every lease
 * the process holds must be renewed within 0.8 of the TTL meanwhile.
 */
const TTL_MS = 2_000;
/** What a loaded machine may add to a takeover of four shards besides the TTL and recovery. */
const SCHEDULING_SLACK_MS = 3_000;
const freshJournal = usePgSchemas();

/** A lease row as the gateway reads it. */
interface Lease {
  readonly shard: number;
  readonly owner: string;
  readonly epoch: number;
  readonly address: string | null;
}

/** The journal's lease rows, by shard: how a gateway (and a test) finds each shard's address. */
async function leases(schema: string): Promise<Lease[]> {
  const client = new pg.Client({ connectionString: PG_TEST_URL });
  await client.connect();
  try {
    const { rows } = await client.query<Lease>(
      `SELECT shard, owner, epoch::int AS epoch, address FROM ${schema}.journal_lease ORDER BY shard`,
    );
    return rows;
  } finally {
    await client.end();
  }
}

/** Each shard's address once every shard has one whose owner `owned` accepts. */
async function addresses(schema: string, owned: (owner: string) => boolean): Promise<string[]> {
  let found: string[] = [];
  await expect
    .poll(
      async () => {
        const rows = await leases(schema);
        found = rows.map((row) => row.address ?? '');
        return rows.length === SHARDS && rows.every((row) => row.address && owned(row.owner));
      },
      { timeout: 30_000, interval: 100 },
    )
    .toBe(true);
  return found;
}

/** An `exo worker` serving every shard of `journal` against the standalone venue. */
function worker(journal: string, venueUrl: string): Exo {
  return exo([
    'worker',
    '--journal',
    journal,
    '--venue',
    venueUrl,
    '--shards',
    'all',
    '--shard-count',
    String(SHARDS),
    '--no-risk-limits',
    '--log-level',
    'info',
  ]);
}

/** Whether a lease owner is a process's (owners are `host:pid:random`). */
const ownedBy =
  (process: Exo) =>
  (owner: string): boolean =>
    owner.split(':')[1] === String(process.child.pid);

/**
 * Two workers on a fresh journal against one standalone venue: the first serving every shard
 * (`before`: their addresses), the second once it has logged standing by for each.
 */
async function twoWorkers() {
  const { url: journal, schema } = freshJournal(`&lease_ms=${TTL_MS}`);
  const venueUrl = await standaloneVenue();
  const first = worker(journal, venueUrl);
  const before = await addresses(schema, ownedBy(first));
  const second = worker(journal, venueUrl);
  await expect.poll(() => standingBy(second), { timeout: 30_000 }).toBe(SHARDS);
  return { schema, first, before, second };
}

/** How many times a worker logged that it stands by for a shard another worker holds. */
function standingBy(process: Exo): number {
  return (process.stdout().match(/standby: lease held by/g) ?? []).length;
}

async function post(url: string, symbol: string): Promise<Response> {
  return fetch(`${url}/v1/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ side: 'buy', symbol, quantity: '0.01', algo: 'take' }),
  });
}

/** An order as `GET /v1/orders/:id` shows it: status, filled quantity and fills. */
async function orderAt(url: string, orderId: string) {
  const response = await fetch(`${url}/v1/orders/${orderId}`);
  expect(response.status).toBe(200);
  const { status, cumQty, fills } = (await response.json()) as {
    status: string;
    cumQty: string;
    fills: unknown[];
  };
  return { status, cumQty, fills };
}

describe.skipIf(!pgReachable)('exo worker on a sharded PostgreSQL journal', () => {
  it('serves every shard at the address in its lease row: the right shard takes a parent, another answers 421', async () => {
    const { url: journal, schema } = freshJournal(`&lease_ms=${TTL_MS}`);
    const one = worker(journal, await standaloneVenue());
    const urls = await addresses(schema, ownedBy(one));
    expect(new Set(urls).size).toBe(SHARDS);

    for (const symbol of SYMBOLS) {
      const shard = shardOf(symbol, SHARDS);
      const orderId = await placeOrder(urls[shard]!, {
        side: 'buy',
        symbol,
        quantity: '0.01',
        algo: 'take',
      });
      expect(orderId).toMatch(new RegExp(`^exo${shard.toString(36)}-`));
      await expect
        .poll(async () => (await orderAt(urls[shard]!, orderId)).status, { timeout: 10_000 })
        .toBe('filled');
      const here = (shard + 1) % SHARDS;
      const refused = await post(urls[here]!, symbol);
      expect(refused.status).toBe(421);
      expect(await refused.json()).toMatchObject({ error: 'wrong_shard', symbol, shard, here });
    }
    // Logs name the shard.
    const serving = logLines(one).filter((line) => line.msg === 'shard serving');
    expect(serving.map((line) => line.shard).sort()).toEqual([0, 1, 2, 3]);

    one.child.kill('SIGTERM');
    expect(await one.exited).toBe(0);
    // Released: no address left for the gateway to forward to.
    expect((await leases(schema)).map((row) => row.address)).toEqual([null, null, null, null]);
  }, 90_000);

  it('takes every shard over from a worker killed -9, with the orders it had and their fills', async () => {
    const { schema, first, before, second } = await twoWorkers();

    const shard = shardOf('BTC-USD', SHARDS);
    const orderId = await placeOrder(before[shard]!, {
      side: 'buy',
      symbol: 'BTC-USD',
      quantity: '0.01',
      algo: 'take',
    });
    await expect
      .poll(async () => (await orderAt(before[shard]!, orderId)).status, { timeout: 10_000 })
      .toBe('filled');
    const seen = await orderAt(before[shard]!, orderId);
    expect(seen.fills.length).toBeGreaterThan(0);

    first.child.kill('SIGKILL');
    const killed = performance.now();
    const after = await addresses(schema, ownedBy(second));
    const tookOverMs = performance.now() - killed;
    const takeovers = logLines(second).filter((line) => /^takeover: /.test(String(line.msg)));
    expect(takeovers.map((line) => line.shard).sort()).toEqual([0, 1, 2, 3]);
    const recoveryMs = Math.max(...takeovers.map((line) => Number(line.tookMs)));
    console.info(
      `worker: kill -9 → ${SHARDS} shards served by the other worker in ${Math.round(tookOverMs)} ms (TTL ${TTL_MS} ms, slowest acquire → serving ${Math.round(recoveryMs)} ms)`,
    );
    expect(tookOverMs).toBeLessThanOrEqual(TTL_MS + recoveryMs + SCHEDULING_SLACK_MS);
    for (const [at, url] of after.entries()) expect(url, `shard ${at}`).not.toBe(before[at]);
    expect((await leases(schema)).every((row) => row.epoch === 2)).toBe(true);

    expect(await orderAt(after[shard]!, orderId)).toEqual(seen);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  }, 120_000);

  it('closes the server of every shard whose lease another worker took while it was stopped (SIGSTOP), and stands by again', async () => {
    const { schema, first, before, second } = await twoWorkers();

    first.child.kill('SIGSTOP');
    await addresses(schema, ownedBy(second));
    first.child.kill('SIGCONT');
    // Fenced, the first worker drops each shard: nothing answers at its old addresses any more,
    // and it waits for the leases again.
    for (const url of before) {
      await expect
        .poll(
          () =>
            fetch(`${url}/healthz`).then(
              () => 'answered',
              () => 'refused',
            ),
          { timeout: 15_000 },
        )
        .toBe('refused');
    }
    // Every shard is dropped (on a loaded machine a shard may flap and drop more than once).
    const dropped = () =>
      new Set(
        logLines(first)
          .filter((line) => /^lease lost/.test(String(line.msg)))
          .map((line) => line.shard),
      ).size;
    await expect.poll(dropped, { timeout: 15_000 }).toBe(SHARDS);
    await expect.poll(() => standingBy(first), { timeout: 15_000 }).toBeGreaterThanOrEqual(SHARDS);
    first.child.kill('SIGTERM');
    second.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(await second.exited).toBe(0);
  }, 120_000);
});
