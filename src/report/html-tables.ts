import { priceText } from './figures.js';
import { escapeHtml, isoUs } from './html-text.js';
import type { ReplayReport, ReportRuntime } from './replay-report.js';

const cell = (value: string | number | boolean | null) =>
  `<td>${value === null ? '-' : escapeHtml(String(value))}</td>`;
const row = (cells: readonly (string | number | boolean | null)[]) =>
  `<tr>${cells.map(cell).join('')}</tr>`;
const head = (names: readonly string[]) =>
  `<thead><tr>${names.map((n) => `<th>${escapeHtml(n)}</th>`).join('')}</tr></thead>`;

/** The run's facts (and wall-clock runtime, when given, marked as outside the digest). */
export function runTableHtml(report: ReplayReport, runtime?: ReportRuntime): string {
  const { run } = report;
  const facts: [string, string | number | boolean][] = [
    ['recording', `${isoUs(run.fromUs)} – ${isoUs(run.toUs)}`],
    ['inputs', run.inputs.map((i) => `${i.file} (sha256 ${i.sha256})`).join(', ')],
    ['events', run.events],
    ['deliveries', run.deliveries],
    ['conflation ratio', run.conflationRatio],
    ['seed', run.seed],
    [
      'models',
      Object.entries(run.models)
        .map(([k, v]) => `${k}: ${v}`)
        .join(', '),
    ],
    ['truncated', run.truncated],
    ['fills sha256', run.fillsSha256],
    ['report digest', report.digest],
    ...Object.entries(runtime ?? {}).map(([k, v]): [string, string | number] => [
      `${k} (wall clock, outside the digest)`,
      v,
    ]),
  ];
  const t = run.totals;
  return [
    `<table class="facts"><tbody>${facts.map(([k, v]) => `<tr><th>${escapeHtml(k)}</th>${cell(v)}</tr>`).join('')}</tbody></table>`,
    `<table class="totals">${head(['orders', 'quantity', 'filled', 'completion', 'IS bps', 'total IS bps', 'VWAP slippage bps'])}<tbody>`,
    row([t.orders, t.quantity, t.filled, t.completion, t.isBps, t.totalIsBps, t.vwapSlippageBps]),
    '</tbody></table>',
  ].join('\n');
}

/** Every order's figures, one row each. */
export function ordersTableHtml(report: ReplayReport): string {
  const names = [
    'ref',
    'symbol',
    'side',
    'algo',
    'status',
    'qty',
    'filled',
    'fills',
    'children',
    'avg px',
    'arrival mid',
    'IS bps',
    'opportunity bps',
    'total IS bps',
    'market VWAP',
    'VWAP slip bps',
    'participation',
    'start (UTC)',
    'time to complete',
  ];
  const rows = report.orders.map((o) =>
    row([
      o.ref,
      o.symbol,
      o.side,
      o.algo,
      o.status,
      o.quantity,
      o.filled,
      o.fills,
      o.children,
      priceText(o.avgPx),
      priceText(o.arrivalMid),
      o.isBps,
      o.opportunityBps,
      o.totalIsBps,
      priceText(o.marketVwap),
      o.vwapSlippageBps,
      o.participation,
      isoUs(o.startUs),
      o.timeToCompleteUs === null ? null : `${o.timeToCompleteUs / 1e6} s`,
    ]),
  );
  return `<table class="orders">${head(names)}<tbody>\n${rows.join('\n')}\n</tbody></table>`;
}
