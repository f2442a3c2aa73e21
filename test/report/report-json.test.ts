import { describe, expect, it } from 'vitest';
import { buildReport, reportDigest } from '../../src/report/build-report.js';
import type { ReplayReport } from '../../src/report/replay-report.js';
import { reportJson } from '../../src/report/report-json.js';
import { batches, EVENTS, OUTCOME } from './fixture.js';

describe('out.json', () => {
  it('is byte-identical for the same outcome, however the recording is batched', async () => {
    const a = reportJson((await buildReport(OUTCOME, batches(2))).report);
    const b = reportJson((await buildReport(OUTCOME, [EVENTS])).report);
    expect(b).toBe(a);
    const parsed = JSON.parse(a) as ReplayReport;
    expect(parsed).toMatchObject({ format: 'exo-replay-report', version: 1 });
    expect(parsed.notice).toContain('no market impact');
  });

  it('keeps wall-clock figures in run.runtime, outside the digest', async () => {
    const { report } = await buildReport(OUTCOME, batches(5));
    const slow = JSON.parse(
      reportJson(report, { wallMs: 900, eventsPerSecond: 13 }),
    ) as ReplayReport;
    const fast = JSON.parse(
      reportJson(report, { wallMs: 3, eventsPerSecond: 4000 }),
    ) as ReplayReport;
    expect(slow.run.runtime).toEqual({ wallMs: 900, eventsPerSecond: 13 });
    expect(slow.digest).toBe(fast.digest);
    expect(reportDigest(slow)).toBe(slow.digest);
    expect(reportDigest(fast)).toBe(slow.digest);
  });

  it('has a digest that changes with any figure, and a fills hash that changes with any fill', async () => {
    const { report } = await buildReport(OUTCOME, batches(5));
    const other = structuredClone(report) as {
      -readonly [K in keyof ReplayReport]: ReplayReport[K];
    };
    other.orders = report.orders.map((o, i) => (i === 0 ? { ...o, isBps: '0.00' } : o));
    expect(reportDigest(other)).not.toBe(report.digest);

    const [first, ...rest] = OUTCOME.orders;
    const moved = {
      ...first!,
      fills: first!.fills.map((f, i) => (i === 0 ? { ...f, timeUs: f.timeUs + 1 } : f)),
    };
    const again = await buildReport({ ...OUTCOME, orders: [moved, ...rest] }, batches(5));
    expect(again.report.run.fillsSha256).not.toBe(report.run.fillsSha256);
    expect(again.report.run.fillsSha256).toMatch(/^[0-9a-f]{64}$/);
  });
});
