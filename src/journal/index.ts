/** The durable journal: append-only rows with group commit, snapshots, retention, check, export. */

export { checkJournal, type JournalCheckReport } from './check-journal.js';
export { DEFAULT_CHUNK_SIZE } from './chunked-writer.js';
export { exportJournal, type LineWriter } from './export-journal.js';
export type { Journal, PruneOptions, SnapshotOptions } from './journal.js';
export {
  JournalEntryError,
  JournalFileError,
  JournalSchemaError,
  JournalUnavailableError,
} from './journal-errors.js';
export { isJournalKind, JOURNAL_KINDS, type JournalKind } from './journal-kind.js';
export type { AppendResult, JournalEntry, JournalRow, JsonValue } from './journal-row.js';
export { IN_MEMORY, JOURNAL_SCHEMA_VERSION } from './journal-schema.js';
export type {
  JournalSnapshot,
  SnapshotInfo,
  SnapshotOrder,
  SnapshotOrderState,
} from './journal-snapshot.js';
export { DEFAULT_RETENTION_MS, type PruneResult } from './retention.js';
export {
  type JournalCommit,
  type JournalSync,
  SqliteJournal,
  type SqliteJournalOptions,
} from './sqlite-journal.js';
