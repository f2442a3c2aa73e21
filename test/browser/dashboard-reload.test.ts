import { describe, expect, it } from 'vitest';
import { call } from '../e2e/service.js';
import { SETTLE } from './chromium.js';
import { dashboardSuite } from './dashboard-suite.js';

const suite = dashboardSuite();

describe('the dashboard opened after the fact', () => {
  it('lists the fills of orders that filled before the page was loaded, each once', async () => {
    await suite.page.goto(suite.service.url);
    await expect.poll(() => suite.page.locator('#connection').textContent(), SETTLE).toBe('live');
    const placed = await call(suite.service, 'POST', '/v1/orders', {
      side: 'buy',
      symbol: 'ETH-USD',
      quantity: '1.5',
      limitPrice: '9000',
      algo: 'take',
    });
    const orderId = placed.body.orderId as string;
    await expect
      .poll(
        async () => (await call(suite.service, 'GET', `/v1/orders/${orderId}`)).body.status,
        SETTLE,
      )
      .toBe('filled');
    const { fills } = (await call(suite.service, 'GET', `/v1/orders/${orderId}`)).body as {
      fills: { qty: string; px: string }[];
    };
    const listed = fills.map(({ qty, px }) => `${qty} ETH-USD @ ${px}`).sort();
    const shown = () => suite.page.locator(`#fills li:has-text("${orderId}") span:nth-child(3)`);
    await expect.poll(async () => (await shown().allTextContents()).sort(), SETTLE).toEqual(listed);

    await suite.page.reload();
    await expect.poll(() => suite.page.locator('#connection').textContent(), SETTLE).toBe('live');
    await expect.poll(async () => (await shown().allTextContents()).sort(), SETTLE).toEqual(listed);
  });
});
