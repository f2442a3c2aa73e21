import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The notices exo logs when a fill reached it other than by the venue's report or fillsSince. */
const REPAIRS = ['missed_fill', 'synthetic_fill', 'reused_exec_id'] as const;

/**
 * What exo's logs in `dir` say it had to repair: a fill booked because a report's cumQty ran ahead
 * of the fills applied, a synthetic fill, or a reused exec ID. Each was set right, so the venue's
 * ledger still agrees with exo, but each also means a fill found a way around the journal.
 * That is a window to explain, so the trial counts it as a violation.
 */
export function repairedFills(dir: string, logs: readonly string[]): string[] {
  const found: string[] = [];
  for (const log of logs) {
    let text: string;
    try {
      text = readFileSync(join(dir, log), 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n')) {
      const kind = REPAIRS.find((repair) => line.includes(`"kind":"${repair}"`));
      if (kind !== undefined)
        found.push(`${log}: exo repaired a fill (${kind}): ${messageOf(line)}`);
    }
  }
  return found;
}

function messageOf(line: string): string {
  try {
    const entry = JSON.parse(line) as { msg?: unknown };
    return typeof entry.msg === 'string' ? entry.msg : line;
  } catch {
    return line;
  }
}
