import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReport } from '../../src/report/build-report.js';
import { reportHtml } from '../../src/report/report-html.js';
import { syntheticRun } from '../report/synthetic.js';
import { type Chromium, launchChromium } from './chromium.js';

/** The README's screenshot, rewritten only on request so a test run leaves the tree clean. */
const README_SCREENSHOT = new URL('../../docs/replay-report.png', import.meta.url).pathname;
const UPDATE_SCREENSHOT = process.env.EXO_UPDATE_SCREENSHOT === '1';

/** Per canvas on the page, how many of its pixels are not transparent. */
const PAINTED_PIXELS = `[...document.querySelectorAll('canvas')].map((canvas) => {
  const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
  let painted = 0;
  for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted++;
  return painted;
})`;

let browser: Chromium;
let dir: string;
beforeAll(async () => {
  browser = await launchChromium({ width: 1280, height: 900 });
  dir = await mkdtemp(join(tmpdir(), 'exo-report-'));
});
afterAll(async () => {
  await browser?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the replay report, in Chromium', () => {
  it('draws every chart from the file alone: no console error, no request but file:', async () => {
    const { events, outcome } = syntheticRun();
    const built = await buildReport(outcome, [events]);
    const file = join(dir, 'out.html');
    await writeFile(file, reportHtml(built, { wallMs: 12, eventsPerSecond: 650_000 }));

    const page = await browser.context.newPage();
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    await page.route('**/*', async (route) => {
      requests.push(route.request().url());
      if (route.request().url().startsWith('file:')) await route.continue();
      else await route.abort();
    });
    await page.goto(pathToFileURL(file).href);
    await page.waitForFunction(
      `document.querySelectorAll('canvas').length === ${2 * outcome.orders.length}`,
    );

    const inked = await page.evaluate<number[]>(PAINTED_PIXELS);
    expect(inked).toHaveLength(4);
    for (const painted of inked) expect(painted).toBeGreaterThan(1000);
    expect(problems).toEqual([]);
    expect(requests.filter((url) => !url.startsWith('file:'))).toEqual([]);
    expect(await page.locator('.notice').textContent()).toContain('no market impact');
    expect(await page.locator('table.orders tbody tr').count()).toBe(outcome.orders.length);
    expect(await page.locator('.u-title').allTextContents()).toContain(
      'twap-buy ETH-USD: mid and buy fills',
    );

    const screenshot = UPDATE_SCREENSHOT ? README_SCREENSHOT : join(dir, 'replay-report.png');
    await page.screenshot({ path: screenshot, fullPage: true });
    expect((await stat(screenshot)).size).toBeGreaterThan(10_000);
    await page.close();
  });
});
