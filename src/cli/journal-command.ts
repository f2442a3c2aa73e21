import { once } from 'node:events';
import { checkJournal } from '../journal/check-journal.js';
import { exportJournal } from '../journal/export-journal.js';
import { JournalFileError, JournalSchemaError } from '../journal/journal-errors.js';
import { checkPgJournal, exportPgJournal } from '../journal/postgres/pg-check.js';
import { isPostgresUrl, pgTarget } from '../journal/postgres/pg-target.js';
import { MAX_SHARDS } from '../shards/shard-of.js';

/** What `exo journal` writes to. */
export interface JournalCommandIO {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
}

/** How `exo journal` is used, printed for `--help` and a bad command line. */
export const JOURNAL_USAGE = `Usage: exo journal check PATH    verify a journal file (integrity, schema, counts)
       exo journal export PATH   print every row as a JSON line, oldest first
PATH may be a postgres:// URL (a PostgreSQL journal): read without taking its lease; of a
sharded journal (exo worker), --shard N says which shard (0 by default).
Neither changes the journal. Exit 0 when it is sound, 2 naming it and the reason when not.
`;

/**
 * `exo journal check|export PATH`: verifies a journal file and prints what it holds (as JSON), or
 * prints its rows as JSON lines; resolves with the exit status (2 for a file that is not a sound
 * journal, or a bad command line).
 */
export async function runJournalCommand(
  argv: readonly string[],
  io: JournalCommandIO,
): Promise<number> {
  const [action, path, ...rest] = argv;
  if (action === '--help' || action === '-h') {
    io.stdout.write(JOURNAL_USAGE);
    return 0;
  }
  const shard = shardOf(rest);
  if ((action !== 'check' && action !== 'export') || path === undefined || shard === undefined) {
    io.stderr.write(
      `exo journal: expected check or export, one PATH and at most --shard N\n${JOURNAL_USAGE}`,
    );
    return 2;
  }
  try {
    const postgres = isPostgresUrl(path);
    if (!postgres && shard !== 0) {
      io.stderr.write('exo journal: --shard: only a PostgreSQL journal has shards\n');
      return 2;
    }
    if (action === 'check') {
      const report = postgres ? await checkPgJournal(path, shard) : checkJournal(path);
      io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    } else {
      const write = (line: string) =>
        io.stdout.write(line) ? undefined : once(io.stdout, 'drain').then(() => undefined);
      const rows = await (postgres
        ? exportPgJournal(path, write, shard)
        : exportJournal(path, write));
      const shown = postgres ? pgTarget(path).display : path;
      io.stderr.write(`exo journal: exported ${rows} rows from ${shown}\n`);
    }
    return 0;
  } catch (error) {
    if (!(error instanceof JournalFileError || error instanceof JournalSchemaError)) throw error;
    io.stderr.write(`exo journal: ${error.message}\n`);
    return 2;
  }
}

/** The shard `--shard N` (or `--shard=N`) names, 0 without it; undefined for anything else. */
function shardOf(rest: readonly string[]): number | undefined {
  if (rest.length === 0) return 0;
  const text =
    rest.length === 2 && rest[0] === '--shard'
      ? rest[1]
      : rest.length === 1
        ? /^--shard=(.*)$/.exec(rest[0]!)?.[1]
        : undefined;
  return text !== undefined && /^\d{1,2}$/.test(text) && Number(text) < MAX_SHARDS
    ? Number(text)
    : undefined;
}
