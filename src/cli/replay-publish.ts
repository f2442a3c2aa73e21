import { writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { reportHtml, reportJson, summaryTable } from '../report/index.js';
import type { ReplayResult } from './replay-job.js';
import type { ReplayOutput } from './replay-pipeline.js';

/**
 * Writes each run's out.html (and out.json when asked) and returns the summary table for stdout.
 * A run alone writes the files named; a sweep's runs write one pair each, named with the run's
 * label (`out.algo=peg.html`). With `--compare` reports or a sweep, the table sets the runs side
 * by side, each named by its file or label.
 */
export async function publishReports(
  results: readonly ReplayResult[],
  output: ReplayOutput,
): Promise<string> {
  for (const { label, report } of results) {
    await writeFile(labelled(output.html, label), reportHtml(report, output.runtime));
    if (output.json !== undefined) {
      await writeFile(labelled(output.json, label), reportJson(report.report, output.runtime));
    }
  }
  const reports = results.map((result) => result.report.report);
  if (results.length === 1 && output.compare.length === 0) return summaryTable(reports[0]!);
  return summaryTable(
    [...output.compare.map((earlier) => earlier.report), ...reports],
    [
      ...output.compare.map((earlier) => earlier.file),
      ...results.map((result) => result.label || 'this run'),
    ],
  );
}

/** A file name with a sweep run's label before its extension (as it is for a run alone). */
function labelled(file: string, label: string): string {
  if (label === '') return file;
  const extension = extname(file);
  const safe = label.replace(/[^\w.=+-]/g, '_');
  return `${file.slice(0, file.length - extension.length)}.${safe}${extension}`;
}
