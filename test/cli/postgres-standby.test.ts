import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { PG_TEST_URL, pgReachable, usePgSchemas } from '../journal/backends.js';
import { type Exo, exo, logLines, placeOrder, standaloneVenue, urlOf } from './run-exo.js';

/** The lease's TTL: short, so a takeover is quick; the owner's start must not block past 0.8 of it. */
const TTL_MS = 1_000;
/**
 * What a loaded machine may add to a takeover besides the TTL and the standby's own measured
 * replay-to-serving time: the look at the lease just after expiry, the acquisition's round trip,
 * and the test's own polling.
 */
const SCHEDULING_SLACK_MS = 1_000;
const freshJournal = usePgSchemas();

/** What a client sees of an order: its status and quantity filled. */
interface OrderSeen {
  readonly status: string;
  readonly cumQty: string;
}

async function orderSeen(url: string, orderId: string): Promise<OrderSeen> {
  const response = await fetch(`${url}/v1/orders/${orderId}`);
  expect(response.status).toBe(200);
  const { status, cumQty } = (await response.json()) as OrderSeen;
  return { status, cumQty };
}

/** Rows the journal holds under `epoch`. */
async function rowsOfEpoch(schema: string, epoch: number): Promise<number> {
  const client = new pg.Client({ connectionString: PG_TEST_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(
      `SELECT count(*) AS n FROM ${schema}.journal WHERE epoch = $1`,
      [epoch],
    );
    return Number(rows[0]!.n);
  } finally {
    await client.end();
  }
}

/** An exo on `journal` against `venueUrl`, as the owner or (with `--standby`) its standby. */
function trader(journal: string, venueUrl: string, ...extra: string[]): Exo {
  return exo([
    '--port',
    '0',
    '--journal',
    journal,
    '--venue',
    venueUrl,
    '--no-risk-limits',
    '--log-level',
    'info',
    ...extra,
  ]);
}

/**
 * A standalone venue, an owner exo trading against it on a fresh journal, and a standby exo
 * once it has logged that the owner holds the lease.
 */
async function ownerAndStandby(): Promise<{
  schema: string;
  owner: Exo;
  ownerUrl: string;
  standby: Exo;
}> {
  const { url: journal, schema } = freshJournal(`&lease_ms=${TTL_MS}`);
  const venueUrl = await standaloneVenue();
  const owner = trader(journal, venueUrl);
  const ownerUrl = await urlOf(owner);
  const standby = trader(journal, venueUrl, '--standby');
  await expect
    .poll(() => standby.stdout(), { timeout: 15_000 })
    .toMatch(/standby: lease held by \S+ for \d+ms/);
  return { schema, owner, ownerUrl, standby };
}

/** The value of a metric line `NAME{shard="0"} VALUE`. */
function metric(text: string, name: string): number {
  const line = new RegExp(`^${name}\\{shard="0"\\} (\\S+)$`, 'm').exec(text);
  return Number(line?.[1]);
}

function messages(process: Exo): string[] {
  return logLines(process).map((line) => String(line.msg));
}

describe.skipIf(!pgReachable)('exo --standby on a PostgreSQL journal', () => {
  it('waits while the owner holds the lease, takes over after a kill -9 and serves every order as it was', async () => {
    const { owner, ownerUrl, standby } = await ownerAndStandby();

    const taken: string[] = [];
    for (const quantity of ['0.01', '0.02', '0.03']) {
      taken.push(
        await placeOrder(ownerUrl, { side: 'buy', symbol: 'BTC-USD', quantity, algo: 'take' }),
      );
    }
    const twap = await placeOrder(ownerUrl, {
      side: 'sell',
      symbol: 'ETH-USD',
      quantity: '0.5',
      algo: 'twap',
      params: { durationMs: 60_000, slices: 60 },
    });
    for (const orderId of taken) {
      await expect
        .poll(async () => (await orderSeen(ownerUrl, orderId)).status, { timeout: 10_000 })
        .toBe('filled');
    }
    const before = new Map<string, OrderSeen>();
    for (const orderId of [...taken, twap]) before.set(orderId, await orderSeen(ownerUrl, orderId));
    // The standby serves nothing while it waits: it has not even printed where it would listen.
    expect(standby.stderr()).not.toMatch(/Dashboard:/);

    owner.child.kill('SIGKILL');
    const killed = performance.now();
    const standbyUrl = await urlOf(standby);
    const tookOverMs = performance.now() - killed;

    // The banner comes before recovery, the takeover's log line after it: wait for that line.
    const takeoverLine = () =>
      logLines(standby).find((line) => /^takeover: /.test(String(line.msg)));
    await expect.poll(takeoverLine, { timeout: 15_000 }).toBeDefined();
    const takeover = takeoverLine();
    expect(takeover).toMatchObject({
      epoch: 2,
      msg: expect.stringMatching(/^takeover: epoch 2 after \d+ms$/),
    });
    const recoveryMs = Number(takeover!.tookMs);
    console.info(
      `standby: kill -9 → serving in ${Math.round(tookOverMs)} ms (TTL ${TTL_MS} ms, acquire → serving ${Math.round(recoveryMs)} ms)`,
    );
    expect(tookOverMs).toBeLessThanOrEqual(TTL_MS + recoveryMs + SCHEDULING_SLACK_MS);

    for (const orderId of taken) {
      expect(await orderSeen(standbyUrl, orderId)).toEqual(before.get(orderId));
    }
    // The TWAP trades on under its new owner: nothing it had filled is lost.
    const twapNow = await orderSeen(standbyUrl, twap);
    expect(Number(twapNow.cumQty)).toBeGreaterThanOrEqual(Number(before.get(twap)!.cumQty));

    const metrics = await (await fetch(`${standbyUrl}/metrics`)).text();
    expect(metric(metrics, 'exo_journal_lease_epoch')).toBe(2);
    expect(metric(metrics, 'exo_journal_takeovers_total')).toBe(1);
    expect(metric(metrics, 'exo_journal_takeover_seconds_sum')).toBeCloseTo(recoveryMs / 1000, 3);
    standby.child.kill('SIGTERM');
    expect(await standby.exited).toBe(0);
  }, 90_000);

  it('takes over from an owner stopped past its lease (SIGSTOP); resumed, that owner journals nothing', async () => {
    const { schema, owner, ownerUrl, standby } = await ownerAndStandby();
    // A TWAP sends a child a second: the resumed owner would journal its next slices.
    await placeOrder(ownerUrl, {
      side: 'buy',
      symbol: 'BTC-USD',
      quantity: '0.06',
      algo: 'twap',
      params: { durationMs: 60_000, slices: 60 },
    });

    owner.child.kill('SIGSTOP');
    await urlOf(standby);
    const ownerRows = await rowsOfEpoch(schema, 1);
    owner.child.kill('SIGCONT');

    await expect
      .poll(
        async () =>
          metric(
            await (await fetch(`${ownerUrl}/metrics`)).text(),
            'exo_journal_fenced_appends_total',
          ),
        { timeout: 15_000 },
      )
      .toBeGreaterThan(0);
    // The log line travels by the owner's stdout, the metric by HTTP: either may come first.
    await expect
      .poll(() => messages(owner).some((message) => /^intake stopped: /.test(message)), {
        timeout: 10_000,
      })
      .toBe(true);
    const refused = await fetch(`${ownerUrl}/v1/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ side: 'buy', symbol: 'BTC-USD', quantity: '0.01', algo: 'take' }),
    });
    expect(refused.status).toBe(503);
    expect(await rowsOfEpoch(schema, 1)).toBe(ownerRows);
    // The new owner journals under its own epoch meanwhile (the TWAP's slices).
    await expect.poll(() => rowsOfEpoch(schema, 2), { timeout: 10_000 }).toBeGreaterThan(0);
  }, 90_000);

  it('stops cleanly on SIGTERM while it waits, leaving the owner its lease', async () => {
    const { url: journal } = freshJournal(`&lease_ms=${TTL_MS}`);
    const owner = exo(['--port', '0', '--journal', journal, '--log-level', 'warn']);
    const ownerUrl = await urlOf(owner);
    const standby = exo(['--port', '0', '--journal', journal, '--standby']);
    await expect.poll(() => standby.stdout(), { timeout: 15_000 }).toMatch(/standby: lease held/);
    standby.child.kill('SIGTERM');
    expect(await standby.exited).toBe(0);
    expect(messages(standby)).toContain('exo stopped while standing by');
    const metrics = await (await fetch(`${ownerUrl}/metrics`)).text();
    expect(metric(metrics, 'exo_journal_lease_epoch')).toBe(1);
    expect(metric(metrics, 'exo_journal_takeovers_total')).toBe(0);
    owner.child.kill('SIGTERM');
    expect(await owner.exited).toBe(0);
  }, 60_000);
});
