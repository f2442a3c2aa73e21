import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exo, placeOrder, tempDir, urlOf } from '../../cli/run-exo.js';
import { HMAC } from '../binance-local/local-binance.js';
import { control, type LocalBinance, signedRest, startLocalBinance } from './adapter.js';

/** Reads the event stream for `ms` and returns what came. */
async function eventsFor(url: string, ms: number): Promise<string> {
  const controller = new AbortController();
  const response = await fetch(`${url}/v1/events`, { signal: controller.signal });
  const reader = response.body!.getReader();
  let text = '';
  const timer = setTimeout(() => controller.abort(), ms);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += Buffer.from(value).toString();
    }
  } catch {
    // aborted
  }
  clearTimeout(timer);
  return text;
}

describe('exo --venue binance against a local Binance, as two processes', () => {
  let server: LocalBinance;
  beforeAll(async () => {
    server = await startLocalBinance();
  });
  afterAll(async () => server?.stop());

  it('completes an HTTP order end to end, names endpoint and key fingerprint, and never shows the key', async () => {
    const journal = join(tempDir(), 'journal.db');
    const running = exo(
      [
        '--port',
        '0',
        '--venue',
        'binance',
        '--venue-url',
        server.wsApi,
        '--feed',
        'binance',
        '--feed-url',
        `${server.url.replace('http', 'ws')}/stream`,
        '--symbols',
        'BTC-USD',
        '--no-risk-limits',
      ],
      {
        EXO_JOURNAL: journal,
        EXO_BINANCE_API_KEY: HMAC.apiKey,
        EXO_BINANCE_SECRET_KEY: HMAC.secretKey,
      },
    );
    const url = await urlOf(running);
    expect(running.stderr()).toMatch(
      /Venue: Binance spot, custom endpoint ws:\/\/127\.0\.0\.1:\d+\/ws-api\/v3, account key [0-9a-f]{12} \(hmac/,
    );
    // The venue's filters are the engine's grid: an off-tick price is refused at intake.
    const offGrid = await fetch(`${url}/v1/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        side: 'buy',
        symbol: 'BTC-USD',
        quantity: '0.001',
        limitPrice: '150000.001',
        algo: 'take',
      }),
    });
    expect(offGrid.status).toBe(422);
    expect(await offGrid.text()).toMatch(/off the BTC-USD tick grid \(tick size 0\.01\)/);
    const events = eventsFor(url, 4000);
    const orderId = await placeOrder(url, {
      side: 'buy',
      symbol: 'BTC-USD',
      quantity: '0.001',
      limitPrice: '150000',
      algo: 'take',
    });
    const order = async () =>
      (await (await fetch(`${url}/v1/orders/${orderId}`)).json()) as {
        status: string;
        filledQty?: string;
      };
    await expect.poll(async () => (await order()).status, { timeout: 15_000 }).toBe('filled');
    // The fill happened at the local Binance, on the account: its trades list it.
    const trades = await signedRest(server.url, 'GET', '/api/v3/myTrades', { symbol: 'BTCUSDT' });
    expect((trades.body as unknown as unknown[]).length).toBeGreaterThan(0);
    // A rotation shows on the event stream.
    await control(server.url, 'server-shutdown', { closeAfterMs: 1000 });
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toMatch(/exo_venue_connected\{venue="binance"\} 1/);
    expect(metrics).toMatch(/exo_venue_rate_limit_used\{venue="binance",limit="ORDERS 10s"\} \d+/);
    expect(metrics).toMatch(/exo_binance_rotations_total \d+/);
    // GET /v1/venue (the dashboard's venue panel) shows the link and the limits.
    const venueNow = (await (await fetch(`${url}/v1/venue`)).json()) as {
      name: string;
      link: { connected: boolean; rateLimits: { name: string; used: number; limit: number }[] };
    };
    expect(venueNow.name).toBe('binance');
    expect(venueNow.link.connected).toBe(true);
    expect(venueNow.link.rateLimits.map((rate) => rate.name)).toContain('ORDERS 10s');
    const streamed = await events;
    expect(streamed).toMatch(/event: venue\ndata: \{"venue":"binance","kind":"rotated"/);
    running.child.kill('SIGTERM');
    expect(await running.exited).toBe(0);
    // Secrets: neither the secret nor the whole API key in any output.
    const outputs = {
      stdout: running.stdout(),
      stderr: running.stderr(),
      metrics,
      events: streamed,
      journal: readFileSync(journal).toString('latin1'),
    };
    for (const [where, text] of Object.entries(outputs)) {
      expect(text.includes(HMAC.secretKey), `secret key in ${where}`).toBe(false);
      expect(text.includes(HMAC.apiKey), `API key in ${where}`).toBe(false);
    }
    expect(outputs.stdout).toMatch(/"kind":"connected"/);
  }, 40_000);

  it('refuses the live endpoint without --live, and a key file others can read', async () => {
    const live = exo(
      ['--venue', 'binance', '--venue-url', 'live', '--feed', 'binance', '--no-risk-limits'],
      {
        EXO_BINANCE_API_KEY: HMAC.apiKey,
        EXO_BINANCE_SECRET_KEY: HMAC.secretKey,
      },
    );
    expect(await live.exited).not.toBe(0);
    expect(live.stderr()).toMatch(
      /--venue-url \(EXO_VENUE_URL\): the live endpoint trades real money: add --live/,
    );
    const dir = tempDir();
    const file = join(dir, 'key.json');
    const { writeFileSync, chmodSync } = await import('node:fs');
    writeFileSync(file, JSON.stringify(HMAC));
    chmodSync(file, 0o644);
    const open = exo([
      '--venue',
      'binance',
      '--venue-url',
      'testnet',
      '--feed',
      'binance',
      '--no-risk-limits',
      '--binance-key-file',
      file,
    ]);
    expect(await open.exited).not.toBe(0);
    expect(open.stderr()).toMatch(/key\.json is readable by others: chmod 600 it/);
    expect(open.stderr().includes(HMAC.secretKey)).toBe(false);
  }, 30_000);
});
