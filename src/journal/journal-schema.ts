import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { JournalFileError, JournalSchemaError } from './journal-errors.js';

/** The schema version this code writes and reads, stored in the file as `PRAGMA user_version`. */
export const JOURNAL_SCHEMA_VERSION = 1;

/** The path that keeps a journal in memory only: nothing survives the process. */
export const IN_MEMORY = ':memory:';

const SCHEMA = `
  CREATE TABLE journal (
    sequence INTEGER PRIMARY KEY,
    time INTEGER NOT NULL,
    order_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    idempotency_key TEXT NOT NULL UNIQUE,
    body TEXT NOT NULL
  );
  CREATE INDEX journal_completions ON journal (time) WHERE kind = 'order_completed';
  CREATE TABLE journal_meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
  INSERT INTO journal_meta (key, value) VALUES ('last_sequence', 0);
  CREATE TABLE snapshots (
    id INTEGER PRIMARY KEY,
    covers_sequence INTEGER NOT NULL,
    time INTEGER NOT NULL,
    order_count INTEGER NOT NULL,
    complete INTEGER NOT NULL DEFAULT 0
  );
  CREATE TABLE snapshot_orders (
    snapshot_id INTEGER NOT NULL,
    order_id TEXT NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (snapshot_id, order_id)
  );
  PRAGMA user_version = ${JOURNAL_SCHEMA_VERSION};
`;

/** How long to wait for a file another process holds before saying it is locked. */
const BUSY_TIMEOUT_MS = 200;

/** How to open a journal file. */
export interface OpenJournalDatabaseOptions {
  /**
   * Create the file, its directory and the schema when missing (the engine), or open it read-only
   * and refuse a missing one (`check`, `export`).
   */
  readonly create: boolean;
  /**
   * Be the file's one writer for as long as it is open: a second exo on the same journal fails to
   * open it (`database is locked`) instead of interleaving sequences. Readers are not shut out:
   * the lock is on a companion file (`PATH-writer`), and WAL lets them read beside the writer.
   */
  readonly exclusive: boolean;
}

/**
 * Opens a journal file and proves it usable: a SQLite database, passing `PRAGMA integrity_check`,
 * holding an exo journal of a schema this code knows (creating one in a new file when allowed).
 * Anything else is a `JournalFileError` or `JournalSchemaError` naming the file and the reason.
 */
export function openJournalDatabase(
  path: string,
  options: OpenJournalDatabaseOptions,
): Database.Database {
  if (options.create && path !== IN_MEMORY) mkdirSync(dirname(path), { recursive: true });
  let db: Database.Database;
  try {
    db = new Database(path, {
      fileMustExist: !options.create,
      readonly: !options.create,
      timeout: BUSY_TIMEOUT_MS,
    });
  } catch (error) {
    throw new JournalFileError(path, reasonOf(error));
  }
  try {
    if (options.exclusive && path !== IN_MEMORY) holdWriterLock(db, path);
    prove(db, path, options);
    return db;
  } catch (error) {
    db.close();
    if (error instanceof JournalSchemaError || error instanceof JournalFileError) throw error;
    throw new JournalFileError(path, reasonOf(error));
  }
}

/** The suffix of the companion file whose lock makes a process the journal's one writer. */
export const WRITER_LOCK_SUFFIX = '-writer';

/**
 * Makes `db` the journal's one writer until it closes: it attaches the companion file
 * `PATH-writer` in exclusive locking mode and writes to it, which holds that file's lock (the OS
 * releases it if the process dies, so a crash leaves no stale lock). A second writer finds the
 * lock taken and fails with `database is locked`.
 */
function holdWriterLock(db: Database.Database, path: string): void {
  db.prepare('ATTACH DATABASE ? AS writer_lock').run(`${path}${WRITER_LOCK_SUFFIX}`);
  db.pragma('writer_lock.locking_mode = EXCLUSIVE');
  db.exec('CREATE TABLE IF NOT EXISTS writer_lock.writer (pid INTEGER NOT NULL)');
  db.exec('DELETE FROM writer_lock.writer');
  db.prepare('INSERT INTO writer_lock.writer (pid) VALUES (?)').run(process.pid);
}

function prove(db: Database.Database, path: string, options: OpenJournalDatabaseOptions): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > JOURNAL_SCHEMA_VERSION) {
    throw new JournalSchemaError(path, version, JOURNAL_SCHEMA_VERSION);
  }
  const integrity = db.pragma('integrity_check', { simple: false }) as {
    integrity_check: string;
  }[];
  const problems = integrity.map((row) => row.integrity_check).filter((line) => line !== 'ok');
  if (problems.length > 0) {
    throw new JournalFileError(path, `integrity check failed: ${problems.slice(0, 3).join('; ')}`);
  }
  if (version === JOURNAL_SCHEMA_VERSION) return;
  const tables = db.prepare(`SELECT count(*) FROM sqlite_master WHERE type = 'table'`).pluck();
  if ((tables.get() as number) > 0) {
    throw new JournalFileError(path, 'not an exo journal (a SQLite database with other tables)');
  }
  if (!options.create) throw new JournalFileError(path, 'not an exo journal (empty database)');
  db.exec(`BEGIN; ${SCHEMA} COMMIT;`);
}

function reasonOf(error: unknown): string {
  if (error instanceof Database.SqliteError && error.code === 'SQLITE_BUSY') {
    return `${error.message} (held by another exo?)`;
  }
  return error instanceof Error ? error.message : String(error);
}
