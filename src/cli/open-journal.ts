import { resolve } from 'node:path';
import { IN_MEMORY } from '../journal/journal-schema.js';
import { SqliteJournal } from '../journal/sqlite-journal.js';
import type { ExoConfig } from './config.js';

/** Where the journal is, as a person should read it: an absolute path, or `:memory:`. */
export function journalPathOf(config: ExoConfig): string {
  return config.journal === IN_MEMORY ? IN_MEMORY : resolve(config.journal);
}

/**
 * Opens the journal the config names (creating the file and its folder when missing), with the
 * synchronous level it asks for. Throws JournalFileError or JournalSchemaError, naming the file
 * and the reason, for one that is not a sound journal of a schema this exo knows.
 */
export function openJournal(config: ExoConfig): SqliteJournal {
  return SqliteJournal.open(journalPathOf(config), { synchronous: config.journalSync });
}

/** The line printed at start: where the journal is, or a warning that there is none that lasts. */
export function journalNotice(config: ExoConfig): string {
  const path = journalPathOf(config);
  if (path === IN_MEMORY) {
    return 'exo: warning: --journal :memory: keeps nothing on disk: orders and fills are lost when exo stops\n';
  }
  return `exo: journal ${path} (synchronous=${config.journalSync.toUpperCase()})\n`;
}
