import type { EngineError } from '../core/errors.js';
import type { RecoveryNotice } from '../recovery/reconcile.js';
import type { RecoveryOutcome } from '../recovery/recover.js';
import type { RecoverySummary } from './service-event.js';

/** What a recovery did, for watchers: its counts, without the book it leaves behind. */
export function recoverySummary(outcome: RecoveryOutcome): RecoverySummary {
  return {
    liveOrders: outcome.liveOrders,
    fillsRecovered: outcome.fillsRecovered,
    childrenAdopted: outcome.childrenAdopted,
    childrenRejected: outcome.childrenRejected,
    orphansCancelled: outcome.orphansCancelled,
    rowsReplayed: outcome.rowsReplayed,
    durationMs: outcome.durationMs,
  };
}

/** Something reconciliation found that an operator should know of (an orphan, a discrepancy). */
export function recoveryNotice(notice: RecoveryNotice): EngineError {
  return { source: 'recovery', orderId: notice.orderId, error: notice, message: notice.message };
}

/** A snapshot that could not be written: recovery then replays more rows, nothing is lost. */
export function snapshotFailure(error: unknown): EngineError {
  const reason = error instanceof Error ? error.message : String(error);
  return { source: 'journal', error, message: `journal snapshot failed: ${reason}` };
}
