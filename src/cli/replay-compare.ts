import { readFile } from 'node:fs/promises';
import { type ReplayReport, readReport } from '../report/index.js';
import { ReplayFlagError } from './replay-flags.js';

/**
 * A `--compare` report (an earlier run's out.json), read and checked by the report's own reader:
 * a file that cannot be read is a ReplayFlagError naming --compare, one that is not a report a
 * ReportFileError naming the file and why.
 */
export async function readCompare(
  file: string,
): Promise<{ readonly file: string; readonly report: ReplayReport }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ReplayFlagError(
      `--compare: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  }
  return { file, report: readReport(text, file) };
}
