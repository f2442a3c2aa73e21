/** Crash recovery: rebuild live orders from the journal, reconcile them with the venue, restore them. */
export * from './journal-records.js';
export { rebuildFromJournal } from './rebuild.js';
export {
  NOT_FOUND_AT_VENUE,
  type ReconcileOptions,
  type ReconcileResult,
  type RecoveryNotice,
  reconcile,
} from './reconcile.js';
export {
  RECOVERY_ROW_ID,
  type RecoverOptions,
  type RecoveryOutcome,
  type RestoreFailure,
  type RestoreTarget,
  recover,
} from './recover.js';
export { recoveredFromJSON, recoveredToJSON } from './recovered-json.js';
export type { JournalCounts, OrderFindings, RecoveredOrder } from './recovered-order.js';
export { BOOK_ENTRY_ID, RecoveryBook } from './recovery-book.js';
export { RecoveryError } from './recovery-error.js';
export { CallTimeoutError, type RetryOptions, withRetry } from './retry.js';
export {
  SnapshotWriter,
  type SnapshotWriterOptions,
  snapshotLiveOrders,
} from './snapshot-writer.js';
