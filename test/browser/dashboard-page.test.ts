import { describe, expect, it } from 'vitest';
import { startTestService } from '../e2e/service.js';
import { SETTLE } from './chromium.js';
import { dashboardSuite } from './dashboard-suite.js';

const suite = dashboardSuite();

describe('the dashboard page', () => {
  it('loads every resource it asks for, its icon included: no 404', async () => {
    const failed: string[] = [];
    const icons: number[] = [];
    suite.page.on('console', (message) => {
      if (message.text().startsWith('Failed to load resource')) failed.push(message.location().url);
    });
    suite.browser.context.on('response', (response) => {
      if (new URL(response.url()).pathname.startsWith('/favicon')) icons.push(response.status());
    });
    await suite.page.goto(suite.service.url);
    await expect.poll(() => suite.page.locator('#connection').textContent(), SETTLE).toBe('live');
    await expect.poll(() => icons, SETTLE).toEqual([200]);
    expect(failed).toEqual([]);
  });

  it("keeps counting the market's ticks in the header while no order is live", async () => {
    await suite.page.goto(suite.service.url);
    await expect.poll(() => suite.page.locator('#connection').textContent(), SETTLE).toBe('live');
    const figure = async (stat: string) =>
      Number((await suite.page.locator(`[data-stat="${stat}"]`).textContent())?.replace(/\D/g, ''));
    await expect.poll(() => figure('ticksIn'), SETTLE).toBeGreaterThan(0);
    const first = await figure('ticksIn');
    await expect.poll(() => figure('ticksIn'), SETTLE).toBeGreaterThan(first);
    expect(await figure('liveOrders')).toBe(0);
  });
});

describe("the dashboard's spread", () => {
  it("is ask minus bid to the finer price's places, negative on a crossed quote", async () => {
    await suite.page.goto(suite.service.url);
    const cases = [
      ['100.5', '100.52', '0.02'],
      ['99', '100.25', '1.25'],
      ['7', '9', '2'],
      ['100.02', '100.01', '-0.01'],
      ['100.5', '100.4', '-0.1'],
      ['101', '100', '-1'],
      ['100.25', '100.25', '0.00'],
    ];
    const shown = await suite.page.evaluate(
      `import('/spread.js').then(({ spread }) => ${JSON.stringify(cases)}.map(([bid, ask]) => spread(bid, ask)))`,
    );
    expect(shown).toEqual(cases.map(([, , spread]) => spread));
  });
});

describe('the dashboard of an exo with a token', () => {
  it('says why it is refused, without the token or a guess, and goes live on the right one', async () => {
    const guarded = await startTestService({ token: 'right-token' });
    const tab = await suite.browser.context.newPage();
    try {
      await tab.goto(guarded.url);
      await expect
        .poll(() => tab.locator('#connection').textContent(), SETTLE)
        .toBe('token needed');
      expect(await tab.locator('#token-result').textContent()).toContain('expected a Bearer token');

      await tab.fill('#token', 'wrong-guess');
      await tab.click('#token-form button[type=submit]');
      await expect
        .poll(() => tab.locator('#connection').textContent(), SETTLE)
        .toBe('token refused');
      const message = await tab.locator('#token-result').textContent();
      expect(message).toContain('the token is not valid');
      expect(message).not.toContain('wrong-guess');
      expect(message).not.toContain('right-token');
      expect(await tab.locator('#token-form').isVisible()).toBe(true);

      await tab.fill('#token', 'right-token');
      await tab.click('#token-form button[type=submit]');
      await expect.poll(() => tab.locator('#connection').textContent(), SETTLE).toBe('live');
      expect(await tab.locator('#token-form').isHidden()).toBe(true);
    } finally {
      await tab.close();
      await guarded.close();
    }
  });
});
