import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/report/build-report.js';
import { compareReports } from '../../src/report/compare.js';
import { ReportFileError, readReport } from '../../src/report/read-report.js';
import { reportJson } from '../../src/report/report-json.js';
import { summaryTable } from '../../src/report/summary-table.js';
import { batches, OUTCOME } from './fixture.js';

const { report: live } = await buildReport(OUTCOME, batches(4));
/** A what-if: every order rerun with peg, one ref missing, filling the first at 102 instead. */
const { report: whatIf } = await buildReport(
  {
    ...OUTCOME,
    orders: OUTCOME.orders
      .filter((o) => o.ref !== 'open')
      .map((o, i) => ({
        ...o,
        algo: 'peg',
        fills: i === 0 ? o.fills.map((f) => ({ ...f, px: '102' })) : o.fills,
      })),
  },
  batches(4),
);

describe('comparing reports', () => {
  it('matches orders by ref and puts each run’s result side by side', () => {
    const comparison = compareReports([live, whatIf], ['live.json', 'peg.json']);
    expect(comparison.runs).toEqual(['live.json', 'peg.json']);
    expect(comparison.orders.map((o) => o.ref)).toEqual(['buy', 'sell', 'open', 'sell-rest']);
    const buy = comparison.orders[0]!;
    expect(buy.results.map((r) => [r?.algo, r?.avgPx])).toEqual([
      ['twap', live.orders[0]!.avgPx],
      ['peg', '102'],
    ]);
    expect(comparison.orders[2]!.results[1]).toBeNull();
    expect(comparison.algorithms.map((a) => [a.run, a.algo, a.totals.orders])).toEqual([
      ['live.json', 'twap', 1],
      ['live.json', 'take', 2],
      ['live.json', 'peg', 1],
      ['peg.json', 'peg', 3],
    ]);
    expect(comparison.algorithms[3]!.totals).toEqual(whatIf.run.totals);
  });

  it('prints one report’s orders and totals, and a comparison run by run', () => {
    const one = summaryTable(live);
    expect(one.split('\n')[1]).toMatch(
      /^ref\s+symbol\s+side\s+algo\s+qty\s+filled\s+avg px\s+IS bps/,
    );
    expect(one).toContain(`seed 7`);
    expect(one).toContain(live.run.fillsSha256);
    expect(one).toContain('no market impact');
    for (const order of live.orders)
      expect(one).toMatch(new RegExp(`^${order.ref} .* ${order.side} `, 'm'));
    const both = summaryTable([live, whatIf], ['live.json', 'peg.json']);
    expect(both.match(/^(live|peg)\.json\s+buy\s/gm)).toEqual([
      'live.json  buy ',
      'peg.json   buy ',
    ]);
    expect(both).toContain('Per algorithm');
  });

  it('reads back its own out.json, and names the file of one that is not a report', () => {
    expect(readReport(reportJson(live, { wallMs: 5 }), 'a.json').orders).toEqual(live.orders);
    const newer = reportJson({ ...live, version: 2 as 1 });
    expect(() => readReport(newer, 'b.json')).toThrow(
      new ReportFileError('b.json', 'version 2 is not 1'),
    );
    expect(() => readReport('{', 'c.json')).toThrow(/^c\.json: not JSON/);
  });
});
