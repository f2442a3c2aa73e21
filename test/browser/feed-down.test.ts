import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RealClock } from '../../src/core/clock.js';
import { createFeedEngine } from '../../src/engine/feed-engine.js';
import { createFeed } from '../../src/feeds/create-feed.js';
import { SqliteJournal } from '../../src/journal/sqlite-journal.js';
import { type RunningServer, startServer } from '../../src/server/start-server.js';
import { call } from '../e2e/service.js';
import { deadPort } from '../feeds/dead-port.js';
import { type Chromium, launchChromium, SETTLE } from './chromium.js';

let service: RunningServer;
let browser: Chromium;

beforeAll(async () => {
  const clock = new RealClock();
  const feed = createFeed('coinbase', { url: `ws://127.0.0.1:${await deadPort()}`, clock });
  const engine = createFeedEngine({
    clock,
    feed,
    symbols: ['BTC-USD'],
    latencyMs: 1,
    journal: SqliteJournal.inMemory(),
  });
  service = await startServer(engine, pino({ level: 'silent' }), { host: '127.0.0.1', port: 0 });
  engine.ready();
  browser = await launchChromium({ width: 1280, height: 860 });
});

afterAll(async () => {
  await browser?.close();
  await service?.close();
});

describe('the dashboard on a feed that cannot connect', () => {
  it('shows the feed state in a banner, and an order waiting for market data', async () => {
    const page = await browser.context.newPage();
    const placed = await call(service, 'POST', '/v1/orders', {
      side: 'buy',
      symbol: 'BTC-USD',
      quantity: '0.5',
      algo: 'take',
    });
    expect(placed.status).toBe(201);
    await page.goto(service.url);
    const banner = page.locator('#health');
    await expect.poll(() => banner.isVisible(), SETTLE).toBe(true);
    expect(await banner.textContent()).toMatch(
      /^market data: coinbase (connecting|reconnecting) since /,
    );
    const row = page.locator(`#orders tbody tr[data-order-id="${placed.body.orderId}"]`);
    await expect.poll(() => row.locator('.status').textContent(), SETTLE).toBe('new');
    expect(await row.locator('.waiting').textContent()).toBe('waiting for market data');
  });
});
