import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server/start-server.js';
import { call, startTestService } from '../e2e/service.js';
import { type Chromium, launchChromium, SETTLE } from './chromium.js';

/** The README's screenshot, rewritten only on request so a test run leaves the tree clean. */
const README_SCREENSHOT = new URL('../../docs/dashboard.png', import.meta.url).pathname;
const UPDATE_SCREENSHOT = process.env.EXO_UPDATE_SCREENSHOT === '1';

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

/** The row of an order in the orders table. */
function orderRow(orderId: string) {
  return page.locator(`#orders tbody tr[data-order-id="${orderId}"]`);
}

describe('the dashboard, in Chromium', () => {
  it('shows live prices, places an order through the form, and watches it fill', async () => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(service.url);
    await expect.poll(() => page.locator('#connection').textContent(), SETTLE).toBe('live');
    await expect.poll(() => page.locator('#quotes tbody tr').count(), SETTLE).toBe(3);

    await page.selectOption('#order-form select[name=symbol]', 'ETH-USD');
    await page.selectOption('#order-form select[name=algo]', 'take');
    await page.fill('#order-form input[name=quantity]', '2.5');
    await page.fill('#order-form input[name=limitPrice]', '9000');
    await page.click('#order-form button[type=submit]');
    await expect
      .poll(() => page.locator('#form-result').textContent(), SETTLE)
      .toMatch(/^placed exo-/);
    const placed = (await page.locator('#form-result').textContent())!.replace('placed ', '');

    const row = orderRow(placed);
    await expect.poll(() => row.locator('.status').textContent(), SETTLE).toBe('filled');
    const { createdAt } = (await call(service, 'GET', `/v1/orders/${placed}`)).body;
    expect(await row.locator('td').allTextContents()).toEqual([
      await page.evaluate(`new Date(${createdAt}).toLocaleTimeString()`),
      placed,
      'buy',
      'ETH-USD',
      'take',
      '2.5',
      '2.5',
      '0',
      '',
      expect.stringMatching(/^\d+(\.\d+)?$/),
      '9000',
      'filled',
      'Cancel',
    ]);
    const bar = row.locator('progress');
    expect([await bar.getAttribute('value'), await bar.getAttribute('max')]).toEqual([
      '2.5',
      '2.5',
    ]);
    expect(await row.locator('button.cancel').isHidden()).toBe(true);
    await expect.poll(() => page.locator('#fills li').count(), SETTLE).toBeGreaterThan(0);
    expect(await page.locator('#fills').textContent()).toContain('ETH-USD');
    expect(errors).toEqual([]);
  });

  it('cancels a working order with its button, and refuses a bad one with a message', async () => {
    const working = await call(service, 'POST', '/v1/orders', {
      side: 'buy',
      symbol: 'BTC-USD',
      quantity: '0.5',
      limitPrice: '1000',
      algo: 'peg',
    });
    const orderId = working.body.orderId as string;
    const twap = await call(service, 'POST', '/v1/orders', {
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

    await page.fill('#order-form input[name=quantity]', '-1');
    await page.click('#order-form button[type=submit]');
    await expect
      .poll(() => page.locator('#form-result').textContent(), SETTLE)
      .toContain('quantity');
    await page.fill('#order-form input[name=quantity]', '0.1');
    await page.fill('#order-form input[name=limitPrice]', '');

    const screenshot = UPDATE_SCREENSHOT
      ? README_SCREENSHOT
      : join(browser.profile, 'dashboard.png');
    await page.screenshot({ path: screenshot, fullPage: true });
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
      await page.goto(first.url);
      await expect.poll(() => page.locator('#connection').textContent(), SETTLE).toBe('live');
      await page.selectOption('#order-form select[name=symbol]', 'ETH-USD');
      await page.selectOption('#order-form select[name=algo]', 'take');
      await page.fill('#order-form input[name=quantity]', '1.5');
      await page.fill('#order-form input[name=limitPrice]', '9000');
      await page.click('#order-form button[type=submit]');
      await expect
        .poll(() => page.locator('#form-result').textContent(), SETTLE)
        .toMatch(/^placed exo-/);
      const filled = (await page.locator('#form-result').textContent())!.replace('placed ', '');
      await expect
        .poll(() => orderRow(filled).locator('.status').textContent(), SETTLE)
        .toBe('filled');
      const resting = await call(first, 'POST', '/v1/orders', {
        side: 'buy',
        symbol: 'BTC-USD',
        quantity: '0.5',
        limitPrice: '1000',
        algo: 'peg',
      });
      const working = resting.body.orderId as string;
      await expect
        .poll(() => orderRow(working).locator('.status').textContent(), SETTLE)
        .toBe('new');
      // The time column aside: a restart takes an order's time from its journal row, a few ms
      // off the live engine's, which may cross a second.
      const shown = async (orderId: string) =>
        (await orderRow(orderId).locator('td').allTextContents()).slice(1);
      const before = { filled: await shown(filled), working: await shown(working) };
      expect(before.filled).toEqual([
        filled,
        'buy',
        'ETH-USD',
        'take',
        '1.5',
        '1.5',
        '0',
        '',
        expect.stringMatching(/^\d+(\.\d+)?$/),
        '9000',
        'filled',
        'Cancel',
      ]);
      const answered = (await call(first, 'GET', `/v1/orders/${filled}`)).body;
      await first.close();

      second = await startTestService({ journal });
      await page.goto(second.url);
      await expect.poll(() => page.locator('#connection').textContent(), SETTLE).toBe('live');
      await expect.poll(() => shown(filled), SETTLE).toEqual(before.filled);
      await expect.poll(() => shown(working), SETTLE).toEqual(before.working);
      // All the API shows of it is kept but its times, and its children's: a restart takes them
      // from the journal's rows (the instruction's, a child's intent, the completion's), the live
      // engine from its clock when the order was accepted (once its row committed), a child made
      // and each last changed: up to a few ms apart.
      const times = { createdAt: expect.any(Number), updatedAt: expect.any(Number) };
      const { children } = answered as { children: object[] };
      expect((await call(second, 'GET', `/v1/orders/${filled}`)).body).toEqual({
        ...answered,
        ...times,
        children: children.map((child) => ({ ...child, ...times })),
      });
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
