import { REPORT_FORMAT, REPORT_VERSION, type ReplayReport } from './replay-report.js';

/** A file given as a report (`--compare A.json`) that is not one: names the file and what is wrong. */
export class ReportFileError extends Error {
  override readonly name = 'ReportFileError';
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`${file}: ${reason}`);
  }
}

/**
 * Reads an out.json written by reportJson, for a comparison: checks its format and version (a
 * newer version is refused, not guessed at) and the fields a comparison reads.
 */
export function readReport(text: string, file: string): ReplayReport {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ReportFileError(file, `not JSON: ${(error as Error).message}`);
  }
  const report = value as Partial<ReplayReport> | null;
  if (report === null || typeof report !== 'object' || report.format !== REPORT_FORMAT) {
    throw new ReportFileError(file, `format is not "${REPORT_FORMAT}"`);
  }
  if (report.version !== REPORT_VERSION) {
    throw new ReportFileError(file, `version ${String(report.version)} is not ${REPORT_VERSION}`);
  }
  if (!Array.isArray(report.orders)) throw new ReportFileError(file, 'orders is not an array');
  report.orders.forEach((order, i) => {
    if (typeof order?.ref !== 'string' || typeof order.quantity !== 'string') {
      throw new ReportFileError(file, `orders[${i}] lacks ref or quantity`);
    }
  });
  if (typeof report.run?.totals !== 'object')
    throw new ReportFileError(file, 'run.totals is missing');
  return report as ReplayReport;
}
