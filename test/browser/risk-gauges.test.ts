import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseLimits } from '../../src/risk/limits-file.js';
import type { RunningServer } from '../../src/server/start-server.js';
import { call, startTestService } from '../e2e/service.js';
import { type Chromium, launchChromium, SETTLE } from './chromium.js';

const LIMITS = {
  defaults: { maxLongPosition: '2', childRatePerSecond: 50 },
  maxDailyTradedNotional: '1000000',
};

let service: RunningServer;
let browser: Chromium;
let page: Page;

beforeAll(async () => {
  service = await startTestService({ limits: parseLimits(LIMITS, 'test limits') });
  browser = await launchChromium({ width: 1280, height: 860 });
  page = await browser.context.newPage();
});
afterAll(async () => {
  await browser?.close();
  await service?.close();
});

interface LimitRow {
  readonly rule: string;
  readonly symbol?: string;
  readonly value: string | null;
  readonly limit?: string;
}

/** GET /v1/risk's row of `rule` (and `symbol`). */
async function usageOf(rule: string, symbol?: string): Promise<LimitRow> {
  const { body } = await call(service, 'GET', '/v1/risk');
  const rows = body.limits as LimitRow[];
  return rows.find((row) => row.rule === rule && row.symbol === symbol)!;
}

/** What the page's gauge of `rule` (and `symbol`) says. */
function gauge(rule: string, symbol?: string) {
  const scoped = symbol === undefined ? ':not([data-symbol])' : `[data-symbol="${symbol}"]`;
  return page.locator(`#risk-gauges li[data-rule="${rule}"]${scoped}`);
}

describe("the dashboard's risk gauges, in Chromium", () => {
  it("shows a gauge of each limit set, with GET /v1/risk's figures, and follows a fill", async () => {
    await page.goto(service.url);
    await expect.poll(() => page.locator('#connection').textContent(), SETTLE).toBe('live');
    await expect.poll(() => page.locator('#risk').isVisible(), SETTLE).toBe(true);
    expect(await page.locator('#risk-none').isHidden()).toBe(true);

    // One gauge per limit set: each symbol's long position, and the total traded notional.
    const symbols = (await call(service, 'GET', '/v1/risk')).body.symbols as { symbol: string }[];
    await expect
      .poll(() => page.locator('#risk-gauges li').count(), SETTLE)
      .toBe(symbols.length + 1);
    const before = await usageOf('maxLongPosition', 'ETH-USD');
    expect(await gauge('maxLongPosition', 'ETH-USD').locator('.figures').textContent()).toBe(
      `${before.value} / ${before.limit}`,
    );

    const placed = await call(service, 'POST', '/v1/orders', {
      side: 'buy',
      symbol: 'ETH-USD',
      quantity: '0.5',
      limitPrice: '9000',
      algo: 'take',
    });
    expect(placed.status).toBe(201);
    const orderId = placed.body.orderId as string;
    await expect
      .poll(async () => (await call(service, 'GET', `/v1/orders/${orderId}`)).body.status, SETTLE)
      .toBe('filled');

    const after = await usageOf('maxLongPosition', 'ETH-USD');
    expect(after.value).toBe('0.5');
    await expect
      .poll(() => gauge('maxLongPosition', 'ETH-USD').locator('.figures').textContent(), SETTLE)
      .toBe(`${after.value} / ${after.limit}`);
    expect(await gauge('maxLongPosition', 'ETH-USD').locator('meter').getAttribute('value')).toBe(
      after.value,
    );
    await expect
      .poll(
        () => page.locator('#risk-symbols tr[data-symbol="ETH-USD"] td').nth(1).textContent(),
        SETTLE,
      )
      .toBe('0.5');
    const traded = await usageOf('maxDailyTradedNotional.total');
    await expect
      .poll(() => gauge('maxDailyTradedNotional.total').locator('.figures').textContent(), SETTLE)
      .toBe(`${traded.value} / ${traded.limit}`);

    // The take sent ETH-USD a child: its rate has a gauge now (the second may be over already).
    await expect
      .poll(() => gauge('childRatePerSecond', 'ETH-USD').locator('.figures').textContent(), SETTLE)
      .toMatch(/^[0-9]+ \/ 50 a second$/);
  });

  it('shows the refusals by rule as GET /v1/risk counts them', async () => {
    await expect
      .poll(() => page.locator('#risk-refusals').textContent(), SETTLE)
      .toBe('No request refused or delayed.');
    for (const quantity of ['5', '7']) {
      const refused = await call(service, 'POST', '/v1/orders', {
        side: 'buy',
        symbol: 'SOL-USD',
        quantity,
        limitPrice: '1000',
        algo: 'take',
      });
      expect(refused.body).toMatchObject({ error: 'risk_limit', rule: 'maxLongPosition' });
    }
    const { body } = await call(service, 'GET', '/v1/risk');
    expect(body.refusals).toEqual({ maxLongPosition: 2 });
    await expect
      .poll(
        () => page.locator('#risk-refusals [data-rule="maxLongPosition"]').textContent(),
        SETTLE,
      )
      .toBe('maxLongPosition 2');
    expect(await page.locator('#risk-refusals').textContent()).toBe('Refused: maxLongPosition 2');
  });
});

describe('the risk panel of an exo without exposure limits', () => {
  it('shows the figures and says no limit is set, with no gauge', async () => {
    const unlimited = await startTestService();
    const tab = await browser.context.newPage();
    try {
      await tab.goto(unlimited.url);
      await expect.poll(() => tab.locator('#risk').isVisible(), SETTLE).toBe(true);
      await expect.poll(() => tab.locator('#risk-symbols tbody tr').count(), SETTLE).toBe(3);
      expect(await tab.locator('#risk-none').isVisible()).toBe(true);
      expect(await tab.locator('#risk-gauges li').count()).toBe(0);
    } finally {
      await tab.close();
      await unlimited.close();
    }
  });
});
