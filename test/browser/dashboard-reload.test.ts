import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server/start-server.js';
import { call, startTestService } from '../e2e/service.js';
import { type Chromium, launchChromium, SETTLE } from './chromium.js';

let service: RunningServer;
let browser: Chromium;
let page: Page;

beforeAll(async () => {
  service = await startTestService();
  browser = await launchChromium({ width: 1280, height: 860 });
  page = await browser.context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await service?.close();
});

describe('the dashboard opened after the fact', () => {
  it('lists the fills of orders that filled before the page was loaded, each once', async () => {
    await page.goto(service.url);
    await expect.poll(() => page.locator('#connection').textContent(), SETTLE).toBe('live');
    const placed = await call(service, 'POST', '/v1/orders', {
      side: 'buy',
      symbol: 'ETH-USD',
      quantity: '1.5',
      limitPrice: '9000',
      algo: 'take',
    });
    const orderId = placed.body.orderId as string;
    await expect
      .poll(async () => (await call(service, 'GET', `/v1/orders/${orderId}`)).body.status, SETTLE)
      .toBe('filled');
    const { fills } = (await call(service, 'GET', `/v1/orders/${orderId}`)).body as {
      fills: { qty: string; px: string }[];
    };
    const listed = fills.map(({ qty, px }) => `${qty} ETH-USD @ ${px}`).sort();
    const shown = () => page.locator(`#fills li:has-text("${orderId}") span:nth-child(3)`);
    await expect.poll(async () => (await shown().allTextContents()).sort(), SETTLE).toEqual(listed);

    await page.reload();
    await expect.poll(() => page.locator('#connection').textContent(), SETTLE).toBe('live');
    await expect.poll(async () => (await shown().allTextContents()).sort(), SETTLE).toEqual(listed);
  });
});
