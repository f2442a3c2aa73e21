import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  REPORT_FORMAT,
  REPORT_VERSION,
  reportDigest,
  summaryTable,
} from '../../src/report/index.js';
import { replaySession, SESSION_ORDERS } from './replay-session.js';

/** Every src/href (and CSS url()) that would make the page fetch something over the network. */
const REMOTE = /(?:\b(?:src|href)\s*=\s*["']?|url\(\s*["']?)\s*(?:https?:)?\/\//gi;

describe('exo record → exo replay, as a user runs them', () => {
  it('writes a self-contained HTML, the JSON with per-order figures, the table, and no progress bar off a TTY', async () => {
    const session = await replaySession(10_000);
    const args = ['--orders', 'orders.json', '--report', 'out.html', '--json', 'out.json'];
    const replayed = await session.run(['replay', 'rec.exo', ...args]);
    // Spawned with pipes, stderr is no terminal: nothing on it (no cli-progress bar).
    expect([replayed.status, replayed.stderr]).toEqual([0, '']);

    const html = readFileSync(join(session.dir, 'out.html'), 'utf8');
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html.match(REMOTE)).toBeNull();
    // uPlot inlined, not fetched: no script or stylesheet from elsewhere.
    expect(html).toContain('uPlot');
    expect(html).not.toMatch(/<script[^>]*\bsrc=|<link[^>]*\bhref=/i);

    const report = session.report('out.json');
    expect([report.format, report.version]).toEqual([REPORT_FORMAT, REPORT_VERSION]);
    expect(report.digest).toBe(reportDigest(report));
    expect(report.run.events).toBe(10_000);
    expect(report.run.inputs.map((input) => input.file)).toEqual(['rec.exo']);
    expect(report.orders.map((o) => [o.ref, o.symbol, o.side, o.algo, o.quantity])).toEqual(
      SESSION_ORDERS.map((o, i) => [`orders[${i}]`, o.symbol, o.side, o.algo, o.quantity]),
    );
    for (const order of report.orders) {
      expect(order.fills).toBeGreaterThan(0);
      expect(Number(order.filled)).toBeGreaterThan(0);
      for (const figure of [order.avgPx, order.arrivalMid, order.isBps, order.participation]) {
        expect(figure).toMatch(/^-?\d+(\.\d+)?$/);
      }
    }

    // The table on stdout is the report's, naming each order.
    expect(replayed.stdout).toBe(summaryTable(report));
    for (const order of report.orders) expect(replayed.stdout).toContain(order.ref);
    // Each order has its two charts (mid with fills, filled against the schedule).
    report.orders.forEach((_order, i) => {
      expect(html).toContain(`id="price-${i}"`);
      expect(html).toContain(`id="progress-${i}"`);
    });
  }, 60_000);

  it('exits 2 naming the orders file and JSON path, or the tick file and block, writing nothing', async () => {
    const session = await replaySession(2_000);
    const orders = SESSION_ORDERS.map((order, i) =>
      i === 1 ? { ...order, symbol: 'XRP-USD' } : order,
    );
    writeFileSync(join(session.dir, 'bad-orders.json'), JSON.stringify(orders));
    const unknown = await session.run([
      'replay',
      'rec.exo',
      '--orders',
      'bad-orders.json',
      '--report',
      'a.html',
    ]);
    expect([unknown.status, unknown.stdout, unknown.stderr]).toEqual([
      2,
      '',
      'exo replay: bad-orders.json: orders[1].symbol: "XRP-USD" is not in the recording\n',
    ]);

    // One bit flipped in the first block's payload, after the header line.
    const bytes = readFileSync(join(session.dir, 'rec.exo'));
    const block = bytes.indexOf(10) + 1;
    bytes[block + 40]! ^= 0x55;
    writeFileSync(join(session.dir, 'bad.exo'), bytes);
    const corrupt = await session.run([
      'replay',
      'bad.exo',
      '--orders',
      'orders.json',
      '--report',
      'b.html',
    ]);
    expect([corrupt.status, corrupt.stdout]).toEqual([2, '']);
    expect(corrupt.stderr).toMatch(
      new RegExp(`^exo replay: bad\\.exo: block 0 at byte ${block}: CRC-32 mismatch .*\\n$`),
    );
    expect(['a.html', 'b.html'].some((file) => existsSync(join(session.dir, file)))).toBe(false);
  }, 60_000);
});
