import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server/start-server.js';
import { call, startTestService } from '../e2e/service.js';
import { SETTLE } from './chromium.js';
import { dashboardSuite, placeRestingBuy } from './dashboard-suite.js';

/** The README's screenshot, rewritten only on request so a test run leaves the tree clean. */
const README_SCREENSHOT = new URL('../../docs/dashboard.png', import.meta.url).pathname;
const UPDATE_SCREENSHOT = process.env.EXO_UPDATE_SCREENSHOT === '1';

const suite = dashboardSuite();

/** The row of an order in the orders table. */
function orderRow(orderId: string) {
  return suite.page.locator(`#orders tbody tr[data-order-id="${orderId}"]`);
}

/**
 * The cells after the time of an ETH-USD take, limit 9000, that filled `quantity`: its cancel
 * button is there but hidden, its progress bar has no text.
 */
function filledBuyCells(orderId: string, quantity: string): unknown[] {
  return [
    orderId,
    'buy',
    'ETH-USD',
    'take',
    quantity,
    quantity,
    '0',
    '',
    expect.stringMatching(/^\d+(\.\d+)?$/),
    '9000',
    'filled',
    'Cancel',
  ];
}

describe('the dashboard, in Chromium', () => {
  it('shows live prices, places an order through the form, and watches it fill', async () => {
    const errors: string[] = [];
    suite.page.on('pageerror', (error) => errors.push(error.message));
    await suite.page.goto(suite.service.url);
    await expect.poll(() => suite.page.locator('#connection').textContent(), SETTLE).toBe('live');
    await expect.poll(() => suite.page.locator('#quotes tbody tr').count(), SETTLE).toBe(3);

    await suite.page.selectOption('#order-form select[name=symbol]', 'ETH-USD');
    await suite.page.selectOption('#order-form select[name=algo]', 'take');
    await suite.page.fill('#order-form input[name=quantity]', '2.5');
    await suite.page.fill('#order-form input[name=limitPrice]', '9000');
    await suite.page.click('#order-form button[type=submit]');
    await expect
      .poll(() => suite.page.locator('#form-result').textContent(), SETTLE)
      .toMatch(/^placed exo-/);
    const placed = (await suite.page.locator('#form-result').textContent())!.replace('placed ', '');

    const row = orderRow(placed);
    await expect.poll(() => row.locator('.status').textContent(), SETTLE).toBe('filled');
    const { createdAt } = (await call(suite.service, 'GET', `/v1/orders/${placed}`)).body;
    expect(await row.locator('td').allTextContents()).toEqual([
      await suite.page.evaluate(`new Date(${createdAt}).toLocaleTimeString()`),
      ...filledBuyCells(placed, '2.5'),
    ]);
    const bar = row.locator('progress');
    expect([await bar.getAttribute('value'), await bar.getAttribute('max')]).toEqual([
      '2.5',
      '2.5',
    ]);
    expect(await row.locator('button.cancel').isHidden()).toBe(true);
    await expect.poll(() => suite.page.locator('#fills li').count(), SETTLE).toBeGreaterThan(0);
    expect(await suite.page.locator('#fills').textContent()).toContain('ETH-USD');
    expect(errors).toEqual([]);
  });

  it('cancels a working order with its button, and refuses a bad one with a message', async () => {
    const orderId = await placeRestingBuy(suite.service);
    const twap = await call(suite.service, 'POST', '/v1/orders', {
      side: 'sell',
      symbol: 'SOL-USD',
      quantity: '40',
      algo: 'twap',
      params: { durationMs: 30_000, slices: 30 },
    });
    expect(twap.status).toBe(201);
    const row = orderRow(orderId);
    await expect.poll(() => row.locator('.status').textContent(), SETTLE).toBe('new');
    await expect
      .poll(
        () =>
          orderRow(twap.body.orderId as string)
            .locator('.status')
            .textContent(),
        SETTLE,
      )
      .toBe('partially filled');

    await suite.page.fill('#order-form input[name=quantity]', '-1');
    await suite.page.click('#order-form button[type=submit]');
    await expect
      .poll(() => suite.page.locator('#form-result').textContent(), SETTLE)
      .toContain('quantity');
    await suite.page.fill('#order-form input[name=quantity]', '0.1');
    await suite.page.fill('#order-form input[name=limitPrice]', '');

    const screenshot = UPDATE_SCREENSHOT
      ? README_SCREENSHOT
      : join(suite.browser.profile, 'dashboard.png');
    await suite.page.screenshot({ path: screenshot, fullPage: true });
    expect((await stat(screenshot)).size).toBeGreaterThan(10_000);

    await row.locator('button.cancel').click();
    await expect.poll(() => row.locator('.status').textContent(), SETTLE).toBe('canceled');
    expect(await row.locator('button.cancel').isHidden()).toBe(true);
  });
});

describe('the dashboard across a restart', () => {
  it('shows the orders placed before a restart of exo on the same journal with the same IDs, statuses and figures', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'exo-journal-'));
    const journal = join(dir, 'journal.db');
    const first = await startTestService({ journal });
    let second: RunningServer | undefined;
    try {
      await suite.page.goto(first.url);
      await expect.poll(() => suite.page.locator('#connection').textContent(), SETTLE).toBe('live');
      await suite.page.selectOption('#order-form select[name=symbol]', 'ETH-USD');
      await suite.page.selectOption('#order-form select[name=algo]', 'take');
      await suite.page.fill('#order-form input[name=quantity]', '1.5');
      await suite.page.fill('#order-form input[name=limitPrice]', '9000');
      await suite.page.click('#order-form button[type=submit]');
      await expect
        .poll(() => suite.page.locator('#form-result').textContent(), SETTLE)
        .toMatch(/^placed exo-/);
      const filled = (await suite.page.locator('#form-result').textContent())!.replace(
        'placed ',
        '',
      );
      await expect
        .poll(() => orderRow(filled).locator('.status').textContent(), SETTLE)
        .toBe('filled');
      const working = await placeRestingBuy(first);
      await expect
        .poll(() => orderRow(working).locator('.status').textContent(), SETTLE)
        .toBe('new');
      // The time column aside: a restart takes an order's time from its journal row, a few ms
      // off the live engine's, which may cross a second.
      const shown = async (orderId: string) =>
        (await orderRow(orderId).locator('td').allTextContents()).slice(1);
      const before = { filled: await shown(filled), working: await shown(working) };
      expect(before.filled).toEqual(filledBuyCells(filled, '1.5'));
      const answered = (await call(first, 'GET', `/v1/orders/${filled}`)).body;
      await first.close();

      second = await startTestService({ journal });
      await suite.page.goto(second.url);
      await expect.poll(() => suite.page.locator('#connection').textContent(), SETTLE).toBe('live');
      await expect.poll(() => shown(filled), SETTLE).toEqual(before.filled);
      await expect.poll(() => shown(working), SETTLE).toEqual(before.working);
      // All the API shows of it is kept, its times and its children's included: the journal's
      // rows carry the times the live order showed.
      expect((await call(second, 'GET', `/v1/orders/${filled}`)).body).toEqual(answered);
      expect(await orderRow(filled).locator('button.cancel').isHidden()).toBe(true);

      // The working order was restored live: its cancel button still cancels it.
      await orderRow(working).locator('button.cancel').click();
      await expect
        .poll(() => orderRow(working).locator('.status').textContent(), SETTLE)
        .toBe('canceled');
    } finally {
      await second?.close();
      await first.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
