import { existsSync, readdirSync, rmdirSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { IN_MEMORY, WRITER_LOCK_SUFFIX } from '../journal/journal-schema.js';
import { isPostgresUrl, pgTarget } from '../journal/postgres/pg-target.js';
import {
  PostgresJournal,
  type PostgresJournalOptions,
} from '../journal/postgres/postgres-journal.js';
import { SqliteJournal } from '../journal/sqlite-journal.js';
import type { ExoConfig } from './config.js';

/**
 * Where the journal is, as a person should read it: an absolute path, `:memory:`, or a
 * `postgres://` URL with its password masked.
 */
export function journalPathOf(config: ExoConfig): string {
  if (isPostgresUrl(config.journal)) return pgTarget(config.journal).display;
  return config.journal === IN_MEMORY ? IN_MEMORY : resolve(config.journal);
}

/** A journal opened for a run, and the way to take back what opening it created. */
export interface OpenedJournal {
  readonly journal: SqliteJournal | PostgresJournal;
  /**
   * Closes the journal and, when opening it created the file, removes the file, SQLite's files
   * beside it and the folders made for it: for a run that stops before it could take an order,
   * so that a failed start (such as the port in use) leaves nothing behind.
   */
  discard(): Promise<void>;
}

/** The files SQLite keeps beside a database, by suffix. */
const SQLITE_SIDE_FILES = ['-wal', '-shm', '-journal'];

/** The files a journal keeps beside its own: SQLite's, and the writer lock with SQLite's beside it. */
const SIDE_FILES = ['', WRITER_LOCK_SUFFIX].flatMap((base) =>
  SQLITE_SIDE_FILES.map((suffix) => `${base}${suffix}`),
);

/**
 * Opens the journal the config names: a PostgreSQL one for a `postgres://` URL (its schema made
 * when missing, its lease taken), else the SQLite file (created with its folder when missing),
 * with the synchronous level it asks for. Throws JournalFileError or JournalSchemaError, naming
 * the journal and the reason, for one that is not a sound journal of a schema this exo knows
 * (or, on PostgreSQL, one whose lease another exo holds, unless `postgres` says to wait for it).
 */
export async function openJournal(
  config: ExoConfig,
  postgres: PostgresJournalOptions = {},
): Promise<OpenedJournal> {
  if (isPostgresUrl(config.journal)) {
    const journal = await PostgresJournal.open(config.journal, postgres);
    return { journal, discard: () => journal.close() };
  }
  const path = journalPathOf(config);
  const created = path !== IN_MEMORY && !existsSync(path);
  const folders = created ? missingFolders(dirname(path)) : [];
  const journal = SqliteJournal.open(path, { synchronous: config.journalSync });
  return {
    journal,
    async discard() {
      await journal.close();
      if (!created) return;
      for (const suffix of ['', WRITER_LOCK_SUFFIX, ...SIDE_FILES])
        rmSync(`${path}${suffix}`, { force: true });
      // A folder something else has put files in since is left alone.
      for (const folder of folders) if (readdirSync(folder).length === 0) rmdirSync(folder);
    },
  };
}

/** The folders from `folder` up that do not exist yet, deepest first. */
function missingFolders(folder: string): string[] {
  const missing: string[] = [];
  for (let at = folder; !existsSync(at) && dirname(at) !== at; at = dirname(at)) missing.push(at);
  return missing;
}

/**
 * The line printed at start: where the journal is, or a warning that there is none that lasts;
 * for PostgreSQL its lease, and a warning when commits may be acknowledged before durable.
 */
export function journalNotice(config: ExoConfig, journal: OpenedJournal['journal']): string {
  if (journal instanceof PostgresJournal) {
    const { shard, epoch } = journal.leaseStatus();
    const warning = journal.warning === undefined ? '' : `exo: ${journal.warning}\n`;
    return `${warning}exo: journal ${journal.path} (PostgreSQL, shard ${shard} leased at epoch ${epoch})\n`;
  }
  const path = journalPathOf(config);
  if (path === IN_MEMORY) {
    return 'exo: warning: --journal :memory: keeps nothing on disk: orders and fills are lost when exo stops\n';
  }
  return `exo: journal ${path} (synchronous=${config.journalSync.toUpperCase()})\n`;
}
