/**
 * A replay's transaction-cost report: built from a ReplayOutcome and the recording's events
 * (buildReport), written as out.json (reportJson) and out.html (reportHtml), summarised on stdout
 * (summaryTable), and compared across runs (readReport, compareReports).
 */
export { type BuiltReport, buildReport, type ReportOptions, reportDigest } from './build-report.js';
export {
  type AlgorithmTotals,
  type ComparedOrder,
  type Comparison,
  compareReports,
} from './compare.js';
export type { TickBatches } from './market-pass.js';
export type { OrderChart } from './order-chart.js';
export { ReportFileError, readReport } from './read-report.js';
export {
  NO_IMPACT_NOTICE,
  type OrderReport,
  REPORT_FORMAT,
  REPORT_VERSION,
  type ReplayReport,
  type ReportRuntime,
  type ReportTotals,
  type RunReport,
} from './replay-report.js';
export { reportHtml } from './report-html.js';
export { ReportInputError } from './report-input-error.js';
export { reportJson } from './report-json.js';
export { summaryTable } from './summary-table.js';
