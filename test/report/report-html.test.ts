import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/report/build-report.js';
import { reportHtml } from '../../src/report/report-html.js';
import { batches, OUTCOME } from './fixture.js';
import { syntheticRun } from './synthetic.js';

const HOSTILE = '</script><script>alert(1)</script><!--';

describe('out.html', () => {
  it('embeds its data as JSON that no text in it can break out of', async () => {
    const outcome = {
      ...OUTCOME,
      orders: OUTCOME.orders.map((o, i) => (i === 0 ? { ...o, ref: HOSTILE } : o)),
    };
    const built = await buildReport(outcome, batches(4));
    const html = reportHtml(built);
    expect(html.match(/<script[\s>]/g)).toHaveLength(3);
    expect(html.match(/<\/script>/g)).toHaveLength(3);
    const embedded = /<script type="application\/json" id="report-data">(.*?)<\/script>/s.exec(
      html,
    )![1]!;
    expect(JSON.parse(embedded)).toEqual(
      JSON.parse(JSON.stringify({ width: 800, charts: built.charts })),
    );
    expect(html).toContain('&lt;/script&gt;&lt;script&gt;alert(1)');
    expect(html).toContain('Replay has no market impact');
  });

  it('decimates each mid to at most two points per pixel column, keeping every fill', async () => {
    const { events, outcome } = syntheticRun();
    const built = await buildReport(outcome, [events], { chartWidthPx: 400 });
    built.charts.forEach((chart, i) => {
      const [, mids, fills] = chart.price;
      expect(mids.filter((m) => m !== null).length).toBeLessThanOrEqual(2 * 400);
      expect(fills.filter((f) => f !== null)).toEqual(
        outcome.orders[i]!.fills.map((f) => Number(f.px)),
      );
    });
    const quotes = events.filter((e) => e.kind === 'quote').length;
    expect(quotes).toBeGreaterThan(2 * 400);
  });
});
