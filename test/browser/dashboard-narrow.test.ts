import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server/start-server.js';
import { call, startTestService } from '../e2e/service.js';
import { type Chromium, launchChromium, SETTLE } from './chromium.js';

/** A narrow window: the 420 px, where the page once rendered 834 px wide. */
const WIDTH = 420;

let service: RunningServer;
let browser: Chromium;
let page: Page;

beforeAll(async () => {
  service = await startTestService();
  browser = await launchChromium({ width: WIDTH, height: 860 });
  page = await browser.context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await service?.close();
});

/** Where an element's box starts and ends across the page. */
async function horizontal(selector: string): Promise<{ left: number; right: number }> {
  const box = await page.locator(selector).first().boundingBox();
  if (box === null) throw new Error(`${selector} is not shown`);
  return { left: box.x, right: box.x + box.width };
}

describe('the dashboard in a 420 px window', () => {
  it('fits the window: no sideways scroll, and the ask, the spread and the quantity field in view', async () => {
    const resting = await call(service, 'POST', '/v1/orders', {
      side: 'buy',
      symbol: 'BTC-USD',
      quantity: '0.5',
      limitPrice: '1000',
      algo: 'peg',
    });
    expect(resting.status).toBe(201);
    await page.goto(service.url);
    await expect.poll(() => page.locator('#connection').textContent(), SETTLE).toBe('live');
    await expect.poll(() => page.locator('#quotes tbody tr').count(), SETTLE).toBe(3);
    await expect.poll(() => page.locator('#orders tbody tr').count(), SETTLE).toBe(1);

    const scrollWidth = await page.evaluate('document.documentElement.scrollWidth');
    expect(scrollWidth).toBeLessThanOrEqual(WIDTH);
    for (const selector of [
      '#quotes tbody td:nth-child(3)',
      '#quotes tbody td:nth-child(4)',
      '#order-form input[name=quantity]',
    ]) {
      const { left, right } = await horizontal(selector);
      expect({ selector, left: left >= 0, right: right <= WIDTH }).toEqual({
        selector,
        left: true,
        right: true,
      });
    }
  });
});
