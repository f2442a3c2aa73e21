import { pino } from 'pino';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAlgoFactory } from '../../src/algos/algo-factory.js';
import { VirtualClock } from '../../src/core/clock.js';
import { Engine } from '../../src/engine/engine.js';
import { ScriptedMarket } from '../../src/feeds/sim/scripted-market.js';
import { SqliteJournal } from '../../src/journal/sqlite-journal.js';
import { decimal } from '../../src/market/decimal.js';
import { Quote } from '../../src/market/quote.js';
import { type RunningServer, startServer } from '../../src/server/start-server.js';
import type { VenueLink } from '../../src/venues/venue.js';
import { SpyVenue, turns } from '../durable/helpers.js';
import { call } from '../e2e/service.js';
import { type Chromium, launchChromium, SETTLE } from './chromium.js';

const TIMEOUT_MS = 1_000;

/** A venue reached over a connection (as far as the dashboard can tell) that never answers. */
class LinkedSpyVenue extends SpyVenue {
  current: VenueLink = {
    connected: true,
    connections: 1,
    restarts: 0,
    working: 0,
    unconfirmed: 0,
    catchingUp: false,
    rateLimits: [{ name: 'ORDERS 10s', used: 0, limit: 50 }],
  };
  link(): VenueLink {
    return { ...this.current, working: this.submitted.length, unconfirmed: this.submitted.length };
  }
}

const clock = new VirtualClock(1_700_000_000_000);
const market = new ScriptedMarket();
const venue = new LinkedSpyVenue();
let engine: Engine;
let service: RunningServer;
let browser: Chromium;
let page: Page;

beforeAll(async () => {
  engine = new Engine({
    clock,
    marketData: market,
    venue,
    journal: SqliteJournal.open(':memory:', { clock }),
    createFactory: (listener, journaled, resolved) =>
      createAlgoFactory({
        venue: journaled,
        listener,
        onResolved: resolved,
        inflight: { timeoutMs: TIMEOUT_MS, tries: 100, retryMs: 60_000 },
      }),
    algos: ['peg'],
    symbols: ['BTC-USD'],
  });
  service = await startServer(engine, pino({ level: 'silent' }), { host: '127.0.0.1', port: 0 });
  await engine.recover();
  engine.ready();
  browser = await launchChromium({ width: 1280, height: 860 });
  page = await browser.context.newPage();
});
afterAll(async () => {
  await browser?.close();
  await service?.close();
});

describe("the dashboard's venue panel, in Chromium", () => {
  it('shows the link, its rate limits and counters, and lists a child of unknown outcome until it is resolved', async () => {
    await page.goto(service.url);
    await expect.poll(() => page.locator('#connection').textContent(), SETTLE).toBe('live');
    await expect.poll(() => page.locator('#venue').isVisible(), SETTLE).toBe(true);
    expect(await page.locator('#venue-name').textContent()).toBe(venue.name);
    expect(await page.locator('#venue-link').textContent()).toBe('connected');
    expect(
      await page.locator('#venue-rates li[data-limit="ORDERS 10s"] .figures').textContent(),
    ).toBe('0 / 50');
    expect(await page.locator('#venue-unknown-none').isVisible()).toBe(true);

    // A child the venue never answers: unknown once the in-flight watch gives up waiting.
    const placed = await call(service, 'POST', '/v1/orders', {
      side: 'buy',
      symbol: 'BTC-USD',
      quantity: '1',
      limitPrice: '100',
      algo: 'peg',
    });
    const orderId = placed.body.orderId as string;
    market.publishQuote(
      Quote.of({
        symbol: 'BTC-USD',
        bidPx: decimal('99'),
        bidQty: decimal('5'),
        askPx: decimal('101'),
        askQty: decimal('5'),
      }),
    );
    await turns();
    expect(venue.submitted).toHaveLength(1);
    clock.advance(TIMEOUT_MS);
    await turns(10);

    const clOrdId = `${orderId}-1`;
    const listed = page.locator(`#venue-unknown li[data-cl-ord-id="${clOrdId}"]`);
    await expect.poll(() => listed.count(), SETTLE).toBe(1);
    expect(await listed.textContent()).toBe(`${clOrdId} (order ${orderId})`);
    expect(await page.locator('#venue-unknown-none').isHidden()).toBe(true);
    expect(await page.locator('#venue-counters li[data-counter="unconfirmed"]').textContent()).toBe(
      '1 unanswered',
    );

    // The venue bans exo: the badge says so, with the venue's reason.
    venue.current = { ...venue.current, stopped: 'banned until 12:00:00 UTC (418)' };
    await expect
      .poll(() => page.locator('#venue-link').textContent(), SETTLE)
      .toBe('order entry stopped: banned until 12:00:00 UTC (418)');
    expect(await page.locator('#venue-link').getAttribute('data-state')).toBe('stopped');

    // A link that keeps counts of its own (a FIX session's) shows each of them.
    venue.current = { ...venue.current, counters: { 'messages resent': 12, 'gap fills sent': 3 } };
    const resent = page.locator('#venue-counters li[data-counter="messages resent"]');
    await expect.poll(() => resent.textContent(), SETTLE).toBe('12 messages resent');
    expect(
      await page.locator('#venue-counters li[data-counter="gap fills sent"]').textContent(),
    ).toBe('3 gap fills sent');

    // The venue's report resolves it: the list empties.
    venue.report({
      orderId,
      clOrdId,
      execId: 'ack-1',
      execType: 'new',
      status: 'new',
      cumQty: decimal('0'),
      leavesQty: decimal('1'),
      transactTime: clock.now(),
    });
    await turns(10);
    await expect.poll(() => page.locator('#venue-unknown li').count(), SETTLE).toBe(0);
    expect(await page.locator('#venue-unknown-none').isVisible()).toBe(true);
  });
});
