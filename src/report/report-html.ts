import type { BuiltReport } from './build-report.js';
import { ordersTableHtml, runTableHtml } from './html-tables.js';
import { escapeHtml, scriptJson } from './html-text.js';
import type { ReportRuntime } from './replay-report.js';
import { REPORT_CLIENT } from './report-client.js';

import { uplotAssets } from './uplot-assets.js';

const STYLE = `
body { font: 14px/1.4 system-ui, sans-serif; margin: 24px; color: #111827; }
h1 { font-size: 22px; margin: 0 0 8px; } h2 { font-size: 16px; margin: 24px 0 6px; }
.notice { background: #fef3c7; border: 1px solid #f59e0b; padding: 8px 12px; max-width: 1000px; }
table { border-collapse: collapse; margin: 8px 0; font-variant-numeric: tabular-nums; }
th, td { border: 1px solid #d1d5db; padding: 3px 8px; text-align: left; }
table.orders td, table.totals td { text-align: right; }
.order { margin-top: 16px; }
`;

/**
 * out.html: one page, complete in itself (uPlot's bundle and CSS inlined, its data embedded as
 * JSON, a Content-Security-Policy that allows no network request at all): the no-impact notice,
 * the run's facts and totals, the orders' table, and per order its price and progress charts
 * (as wide as the report's decimation was cut for). `runtime` adds the run's
 * wall-clock figures.
 */
export function reportHtml(
  built: BuiltReport,
  runtime?: ReportRuntime,
  chartWidthPx = 800,
): string {
  const { report, charts } = built;
  const uplot = uplotAssets();
  const sections = charts.map(
    (chart, i) => `<section class="order">
<h2>${escapeHtml(`${chart.ref}: ${chart.side} ${chart.symbol}`)}</h2>
<div id="price-${i}"></div>
<div id="progress-${i}"></div>
</section>`,
  );
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'">
<title>exo replay report</title>
<style>${uplot.css}</style>
<style>${STYLE}</style>
</head>
<body>
<h1>exo replay report</h1>
<p class="notice">${escapeHtml(report.notice)}</p>
<h2>Run</h2>
${runTableHtml(report, runtime)}
<h2>Orders</h2>
${ordersTableHtml(report)}
${sections.join('\n')}
<script type="application/json" id="report-data">${scriptJson({ width: chartWidthPx, charts })}</script>
<script>${uplot.script}</script>
<script>${REPORT_CLIENT}</script>
</body>
</html>
`;
}
