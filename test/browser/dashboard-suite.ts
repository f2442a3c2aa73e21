import type { Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { RunningServer } from '../../src/server/start-server.js';
import { call, startTestService } from '../e2e/service.js';
import { type Chromium, launchChromium } from './chromium.js';

/** What a dashboard test file drives: the service, the Chromium, and one page in it. */
export interface DashboardSuite {
  readonly service: RunningServer;
  readonly browser: Chromium;
  readonly page: Page;
}

/**
 * Registers the file's hooks: a test service and a Chromium of `viewport` with one page before
 * its tests, both closed after them. The fields are set once `beforeAll` has run.
 */
export function dashboardSuite(viewport = { width: 1280, height: 860 }): DashboardSuite {
  const suite: { -readonly [K in keyof DashboardSuite]?: DashboardSuite[K] } = {};
  beforeAll(async () => {
    suite.service = await startTestService();
    suite.browser = await launchChromium(viewport);
    suite.page = await suite.browser.context.newPage();
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.service?.close();
  });
  return suite as DashboardSuite;
}

/** Places a buy far below the market through the API: it rests, working, until cancelled. */
export async function placeRestingBuy(service: RunningServer): Promise<string> {
  const placed = await call(service, 'POST', '/v1/orders', {
    side: 'buy',
    symbol: 'BTC-USD',
    quantity: '0.5',
    limitPrice: '1000',
    algo: 'peg',
  });
  if (placed.status !== 201) throw new Error(`the resting buy was refused: ${placed.status}`);
  return placed.body.orderId as string;
}
