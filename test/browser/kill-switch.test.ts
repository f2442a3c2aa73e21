import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceEvent } from '../../src/engine/service-event.js';
import type { RunningServer } from '../../src/server/start-server.js';
import { startTestService } from '../e2e/service.js';
import { type Chromium, launchChromium, SETTLE } from './chromium.js';

const TOKEN = 'kill-switch-dashboard-token-0123456789';

let service: RunningServer;
let browser: Chromium;
let page: Page;

beforeAll(async () => {
  service = await startTestService({ token: TOKEN });
  browser = await launchChromium({ width: 1280, height: 860 });
  page = await browser.context.newPage();
});
afterAll(async () => {
  await browser?.close();
  await service?.close();
});

/** Sends JSON to the service with the token; the status and parsed body. */
async function api(method: string, path: string, body?: unknown) {
  const response = await fetch(`${service.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${TOKEN}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

interface ChildJSON {
  readonly status: string;
}

/** A buy resting far below the market, placed through the API: its child works until cancelled. */
async function restingBuy(symbol: string): Promise<string> {
  const placed = await api('POST', '/v1/orders', {
    side: 'buy',
    symbol,
    quantity: '0.5',
    limitPrice: '1',
    algo: 'peg',
  });
  expect(placed.status).toBe(201);
  return placed.body.orderId as string;
}

async function childrenOf(orderId: string): Promise<ChildJSON[]> {
  return (await api('GET', `/v1/orders/${orderId}`)).body.children as ChildJSON[];
}

const text = (selector: string) => page.locator(selector).textContent();

/** Chooses the scope, presses `button`, and answers the page's dialog with `answer`. */
async function ask(button: '#halt' | '#resume', scope: string, answer: 'confirm' | 'cancel') {
  await page.selectOption('#trading-scope', scope);
  await page.click(button);
  await expect.poll(() => page.locator('#trading-confirm').isVisible(), SETTLE).toBe(true);
  if (answer === 'confirm') {
    await page.fill('#trading-confirm input[name=reason]', 'browser test');
    await page.click('#trading-confirm-ok');
  } else {
    await page.click('#trading-confirm button[value=cancel]');
  }
  await expect.poll(() => page.locator('#trading-confirm').isVisible(), SETTLE).toBe(false);
}

describe("the dashboard's kill switch, in Chromium", () => {
  it('halts after a confirmation in the page: the page shows halted and the children cancelled, confirmed; Resume trades again', async () => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const changes: ServiceEvent[] = [];
    service.engine.events.on('event', (event) => {
      if (event.type === 'trading_state') changes.push(event);
    });
    const ids = [await restingBuy('BTC-USD'), await restingBuy('ETH-USD')];
    for (const id of ids) {
      await expect
        .poll(async () => (await childrenOf(id)).some((c) => c.status === 'new'), SETTLE)
        .toBe(true);
    }

    await page.goto(service.url);
    await page.fill('#token', TOKEN);
    await page.click('#token-form button[type=submit]');
    await expect.poll(() => text('#connection'), SETTLE).toBe('live');
    await expect.poll(() => text('#trading'), SETTLE).toBe('trading active');
    expect(await page.locator('#trading-banner').isHidden()).toBe(true);

    // Thinking better of it: nothing changes.
    await ask('#halt', '', 'cancel');
    expect((await api('GET', '/v1/trading')).body.global).toBe('active');
    await page.keyboard.press('Escape');
    expect(await text('#trading')).toBe('trading active');

    await ask('#halt', '', 'confirm');
    await expect.poll(() => text('#trading'), SETTLE).toBe('trading halted');
    await expect
      .poll(() => text('#trading-cancels'), SETTLE)
      .toBe(`${ids.length} working children cancelled (global), confirmed by the venue`);
    expect(await text('#trading-states')).toBe('trading halted (global)');
    expect(await page.locator('#trading-banner').isVisible()).toBe(true);

    const status = (await api('GET', '/v1/trading')).body;
    expect(status).toMatchObject({ global: 'halted', awaitingCancel: [] });
    for (const id of ids) {
      expect((await childrenOf(id)).map((child) => child.status)).not.toContain('new');
    }
    const refused = await api('POST', '/v1/orders', {
      side: 'buy',
      symbol: 'BTC-USD',
      quantity: '0.5',
      limitPrice: '1',
      algo: 'peg',
    });
    expect(refused.status).toBe(409);

    await ask('#resume', '', 'confirm');
    await expect.poll(() => text('#trading'), SETTLE).toBe('trading active');
    await expect.poll(() => page.locator('#trading-banner').isHidden(), SETTLE).toBe(true);
    expect((await api('GET', '/v1/trading')).body.global).toBe('active');
    await restingBuy('BTC-USD');
    expect(changes).toMatchObject([
      { scope: 'global', state: 'halted', by: 'dashboard', reason: 'browser test' },
      { scope: 'global', state: 'active', by: 'dashboard', reason: 'browser test' },
    ]);
    expect(errors).toEqual([]);
  });

  it('halts one symbol: the banner names it, the global badge stays active, and Resume lifts it', async () => {
    await page.goto(service.url);
    await expect.poll(() => text('#trading'), SETTLE).toBe('trading active');
    await ask('#halt', 'ETH-USD', 'confirm');
    await expect.poll(() => text('#trading-states'), SETTLE).toBe('ETH-USD halted');
    expect(await text('#trading')).toBe('trading active');
    const status = (await api('GET', '/v1/trading')).body as {
      symbols: Record<string, { own: string }>;
    };
    expect(status.symbols['ETH-USD']?.own).toBe('halted');
    expect(status.symbols['BTC-USD']?.own).toBe('active');

    await ask('#resume', 'ETH-USD', 'confirm');
    await expect.poll(() => page.locator('#trading-banner').isHidden(), SETTLE).toBe(true);
    expect(
      ((await api('GET', '/v1/trading')).body as { symbols: Record<string, { own: string }> })
        .symbols['ETH-USD']?.own,
    ).toBe('active');
  });
});
