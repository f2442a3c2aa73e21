import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { PostgresJournal } from '../../src/journal/postgres/postgres-journal.js';
import { RemoteVenue } from '../../src/venues/remote/remote-venue.js';
import { PG_TEST_URL, pgReachable, usePgSchemas } from '../journal/backends.js';
import { exo, placeOrder, urlOf } from './run-exo.js';

/** Long enough that a start slowed by a loaded machine does not miss its own deadline. */
const TTL_MS = 3_000;
const journals: PostgresJournal[] = [];
const freshJournal = usePgSchemas();
afterEach(async () => {
  for (const journal of journals.splice(0)) await journal.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The client order IDs the venue has ever seen, read over its own protocol. */
async function venueOrders(url: string): Promise<string[]> {
  const remote = new RemoteVenue({ url });
  try {
    return (await remote.ledger()).orders.map((order) => order.clOrdId).sort();
  } finally {
    await remote.close();
  }
}

async function journalRows(schema: string): Promise<number> {
  const client = new pg.Client({ connectionString: PG_TEST_URL });
  await client.connect();
  const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${schema}.journal`);
  await client.end();
  return Number(rows[0]!.n);
}

describe.skipIf(!pgReachable)(
  'an exo stopped past its lease (SIGSTOP), taken over, then resumed',
  () => {
    it('journals nothing (fenced, counted) and sends nothing more to the venue', async () => {
      const { url: journalUrl, schema } = freshJournal(`&lease_ms=${TTL_MS}`);
      const venue = exo(['venue', '--port', '0', '--latency', '1', '--tick-rate', '200']);
      await expect.poll(() => venue.stdout(), { timeout: 15_000 }).toMatch(/listening on ws:\/\//);
      const venueUrl = /listening on (ws:\/\/\S+)/.exec(venue.stdout())![1]!;
      const owner = exo([
        '--port',
        '0',
        '--journal',
        journalUrl,
        '--venue',
        venueUrl,
        '--log-level',
        'warn',
        '--no-risk-limits',
      ]);
      const url = await urlOf(owner);
      // A TWAP sends a child a second for a minute: a stale owner left running would keep sending.
      await placeOrder(url, {
        side: 'buy',
        symbol: 'BTC-USD',
        quantity: '0.06',
        algo: 'twap',
        params: { durationMs: 60_000, slices: 60 },
      });
      await expect.poll(() => venueOrders(venueUrl), { timeout: 10_000 }).toHaveLength(3);

      owner.child.kill('SIGSTOP');
      await sleep(TTL_MS + 300);
      const successor = await PostgresJournal.open(journalUrl, { leaseWaitMs: 5 * TTL_MS });
      journals.push(successor);
      expect(successor.leaseStatus().epoch).toBe(2);
      const sentBefore = await venueOrders(venueUrl);
      const rowsBefore = await journalRows(schema);

      owner.child.kill('SIGCONT');
      // Three TWAP slices' time: every one of them is refused by the journal, and none is sent.
      await sleep(3_000);
      expect(await venueOrders(venueUrl)).toEqual(sentBefore);
      expect(await journalRows(schema)).toBe(rowsBefore);
      const metrics = await (await fetch(`${url}/metrics`)).text();
      expect(metrics).toContain('exo_journal_lease_epoch{shard="0"} 1');
      const fenced = /^exo_journal_fenced_appends_total\{shard="0"\} (\d+)$/m.exec(metrics);
      expect(Number(fenced?.[1])).toBeGreaterThan(0);
      const refused = await fetch(`${url}/v1/orders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ side: 'buy', symbol: 'BTC-USD', quantity: '0.01', algo: 'take' }),
      });
      expect(refused.status).toBe(503);
      expect(await venueOrders(venueUrl)).toEqual(sentBefore);
      // The successor writes on under its own epoch.
      await expect(
        successor.append({
          orderId: '~test',
          kind: 'recovery',
          idempotencyKey: 'successor',
          body: {},
        }),
      ).resolves.toMatchObject({ duplicate: false });
    }, 60_000);
  },
);
