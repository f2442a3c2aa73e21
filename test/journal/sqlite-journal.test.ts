import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { JournalFileError } from '../../src/journal/journal-errors.js';
import { SqliteJournal } from '../../src/journal/sqlite-journal.js';
import { useTempDir } from './helpers.js';

const opened: SqliteJournal[] = [];
afterEach(async () => {
  for (const journal of opened.splice(0)) await journal.close();
});

function open(path = ':memory:', options: Parameters<typeof SqliteJournal.open>[1] = {}) {
  const journal = SqliteJournal.open(path, options);
  opened.push(journal);
  return journal;
}

// Its semantics (appends, group commit, idempotency, snapshots, retention) run against SQLite and
// PostgreSQL alike in journal-suite.test.ts; what is SQLite's own is here.
describe('SqliteJournal', () => {
  const tempDir = useTempDir();

  it('refuses a second process (or connection) on the same file while it is open', () => {
    const path = join(tempDir(), 'j.db');
    open(path);
    expect(() => SqliteJournal.open(path)).toThrow(JournalFileError);
    expect(() => SqliteJournal.open(path)).toThrow(`journal ${path}: database is locked`);
  });
});
