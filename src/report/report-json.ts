import type { ReplayReport, ReportRuntime } from './replay-report.js';

/**
 * out.json: the report, 2-space indented, with a final newline, and `runtime` (when given) as
 * run.runtime. Byte-identical for the same report; only runtime differs between reruns.
 */
export function reportJson(report: ReplayReport, runtime?: ReportRuntime): string {
  const { digest, ...rest } = report;
  const run = runtime === undefined ? report.run : { ...report.run, runtime };
  return `${JSON.stringify({ ...rest, run, digest }, null, 2)}\n`;
}
