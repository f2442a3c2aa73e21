import { describe, expect, it } from 'vitest';
import { SETTLE } from './chromium.js';
import { dashboardSuite, placeRestingBuy } from './dashboard-suite.js';

/** A narrow window: the 420 px, where the page once rendered 834 px wide. */
const WIDTH = 420;

const suite = dashboardSuite({ width: WIDTH, height: 860 });

/** Where an element's box starts and ends across the page. */
async function horizontal(selector: string): Promise<{ left: number; right: number }> {
  const box = await suite.page.locator(selector).first().boundingBox();
  if (box === null) throw new Error(`${selector} is not shown`);
  return { left: box.x, right: box.x + box.width };
}

describe('the dashboard in a 420 px window', () => {
  it('fits the window: no sideways scroll, and the ask, the spread and the quantity field in view', async () => {
    await placeRestingBuy(suite.service);
    await suite.page.goto(suite.service.url);
    await expect.poll(() => suite.page.locator('#connection').textContent(), SETTLE).toBe('live');
    await expect.poll(() => suite.page.locator('#quotes tbody tr').count(), SETTLE).toBe(3);
    await expect.poll(() => suite.page.locator('#orders tbody tr').count(), SETTLE).toBe(1);

    const scrollWidth = await suite.page.evaluate('document.documentElement.scrollWidth');
    expect(scrollWidth).toBeLessThanOrEqual(WIDTH);
    for (const selector of [
      '#quotes tbody td:nth-child(3)',
      '#quotes tbody td:nth-child(4)',
      '#order-form input[name=quantity]',
      '#halt',
      '#resume',
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
