import { compareReports } from './compare.js';
import { priceText } from './figures.js';
import type { OrderReport, ReplayReport, ReportTotals } from './replay-report.js';
import { textTable } from './text-table.js';

const shown = (text: string | null) => text ?? '-';

const ORDER_HEADERS = [
  'ref',
  'symbol',
  'side',
  'algo',
  'qty',
  'filled',
  'avg px',
  'IS bps',
  'VWAP slip bps',
  'participation',
];
const orderCells = (o: OrderReport) => [
  o.ref,
  o.symbol,
  o.side,
  o.algo,
  o.quantity,
  o.filled,
  priceText(o.avgPx),
  shown(o.isBps),
  shown(o.vwapSlippageBps),
  shown(o.participation),
];
const TOTALS_HEADERS = [
  'orders',
  'qty',
  'filled',
  'completion',
  'IS bps',
  'total IS bps',
  'VWAP slip bps',
];
const totalsCells = (t: ReportTotals) => [
  String(t.orders),
  t.quantity,
  t.filled,
  shown(t.completion),
  shown(t.isBps),
  shown(t.totalIsBps),
  shown(t.vwapSlippageBps),
];

/**
 * The summary replay prints on stdout. For one report: its orders, then the run's totals and
 * facts. For several (a comparison, `labels` naming them): each order's result per run side by
 * side, then each run's algorithms' totals. Ends with the no-market-impact notice.
 */
export function summaryTable(
  reports: ReplayReport | readonly ReplayReport[],
  labels?: readonly string[],
): string {
  const list: readonly ReplayReport[] = Array.isArray(reports)
    ? reports
    : [reports as ReplayReport];
  if (list.length === 0) throw new RangeError('summaryTable needs at least one report');
  const notice = list[0]!.notice;
  if (list.length === 1) return `${single(list[0]!)}\n\n${notice}\n`;
  const comparison = compareReports(list, labels);
  const rows = comparison.orders.flatMap((order) =>
    order.results.flatMap((result, i) =>
      result === null ? [] : [[comparison.runs[i]!, ...orderCells(result)]],
    ),
  );
  const algos = comparison.algorithms.map((a) => [a.run, a.algo, ...totalsCells(a.totals)]);
  return [
    'Orders, run by run',
    textTable(['run', ...ORDER_HEADERS], rows),
    '',
    'Per algorithm',
    textTable(['run', 'algo', ...TOTALS_HEADERS], algos),
    '',
    notice,
    '',
  ].join('\n');
}

function single(report: ReplayReport): string {
  const { run } = report;
  return [
    'Orders',
    textTable(ORDER_HEADERS, report.orders.map(orderCells)),
    '',
    'Run',
    textTable(TOTALS_HEADERS, [totalsCells(run.totals)]),
    `events ${run.events}, conflation ratio ${run.conflationRatio}, seed ${run.seed}, ` +
      `fills sha256 ${run.fillsSha256}${run.truncated ? ', TRUNCATED recording' : ''}`,
  ].join('\n');
}
