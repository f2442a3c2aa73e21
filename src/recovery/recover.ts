import { performance } from 'node:perf_hooks';
import type { Clock } from '../core/clock.js';
import type { Journal } from '../journal/journal.js';
import { journalKeys, type RecoveryRecord } from '../journal/journal-records.js';
import { extended } from '../market/extended.js';
import type { ParentOrder } from '../orders/parent-order.js';
import type { Venue } from '../venues/venue.js';
import { rebuildFromJournal } from './rebuild.js';
import { type ReconcileOptions, type RecoveryNotice, reconcile } from './reconcile.js';
import type { RecoveredOrder } from './recovered-order.js';
import type { RecoveryBook } from './recovery-book.js';

/** Where recovered orders are restored: the engine's dispatcher. */
export interface RestoreTarget {
  restore(
    order: ParentOrder,
    recovered: RecoveredOrder,
    options: { readonly cancelRequested?: boolean },
  ): unknown;
}

/** Everything recovery works with; the rest of ReconcileOptions tunes the venue queries. */
export interface RecoverOptions extends Omit<ReconcileOptions, 'clock' | 'journal'> {
  readonly journal: Journal;
  readonly venue: Venue;
  readonly dispatcher: RestoreTarget;
  readonly clock: Clock;
  /**
   * The live orders already folded from the journal (the engine's start folds every row once for
   * its order list): recovery folds only the rows after it. Without one it rebuilds from the
   * newest snapshot and the rows after it.
   */
  readonly book?: RecoveryBook;
}

/** An order recovery could not restore, and why. */
export interface RestoreFailure {
  readonly orderId: string;
  readonly message: string;
}

/** What a recovery did: the counts a `recovery.completed` event announces, and the book. */
export interface RecoveryOutcome extends Omit<RecoveryRecord, 'venueCursors' | 'orphans'> {
  /** Rows read after the snapshot. */
  readonly rowsReplayed: number;
  readonly childrenSettled: number;
  readonly orphans: readonly string[];
  readonly notices: readonly RecoveryNotice[];
  readonly failures: readonly RestoreFailure[];
  /** The live orders' book, caught up with every row: what a SnapshotWriter goes on folding. */
  readonly book: RecoveryBook;
}

/** The orderId of `recovery` rows: no order's, and never pruned. */
export const RECOVERY_ROW_ID = '~recovery';

/**
 * Recovers after a restart: rebuilds the live orders from the journal (or catches up the book it
 * is given), reconciles them with the
 * venue (journaling what it finds), appends a `recovery` row, then restores each live order into
 * the dispatcher with its RecoveredOrder (its state, checkpoint and findings). Delegates are
 * rebuilt, never replayed; each first gets an update marked `recovered`. Throws RecoveryError for
 * a journal it cannot read, before anything reaches the venue.
 */
export async function recover(options: RecoverOptions): Promise<RecoveryOutcome> {
  const started = performance.now();
  const { journal, venue, dispatcher, clock } = options;
  const book = options.book ?? rebuildFromJournal(journal);
  for (const row of journal.readFrom(book.lastSequence + 1)) book.apply(row);
  const rowsReplayed = book.rows;
  const found = await reconcile(book, venue, extended(options, { journal, clock }));
  const durationMs = Math.round(performance.now() - started);
  const record: RecoveryRecord = {
    liveOrders: book.size,
    fillsRecovered: found.fillsRecovered,
    childrenAdopted: found.childrenAdopted,
    childrenRejected: found.childrenRejected,
    orphansCancelled: found.orphans.length,
    durationMs,
    venueCursors: Object.fromEntries(book.cursors()),
    ...(found.orphans.length === 0 ? {} : { orphans: found.orphans }),
  };
  const time = clock.now();
  await journal.append({
    orderId: RECOVERY_ROW_ID,
    kind: 'recovery',
    idempotencyKey: journalKeys.recovery(time),
    body: record,
  });
  // Rows appended meanwhile (reconciliation's own, a venue report journaled while waiting) are
  // folded in the same turn as the orders are restored, so no delegate starts without them.
  for (const row of journal.readFrom(book.lastSequence + 1)) book.apply(row);
  const failures: RestoreFailure[] = [];
  for (const fold of book.orders()) {
    const findings = found.findings.get(fold.orderId);
    const recovered: RecoveredOrder =
      findings === undefined ? fold.recovered() : extended(fold.recovered(), { findings });
    try {
      dispatcher.restore(recovered.parent.order, recovered, {
        cancelRequested: recovered.parent.cancelRequested,
      });
    } catch (error) {
      failures.push({ orderId: fold.orderId, message: String(error) });
    }
  }
  return {
    liveOrders: book.size,
    fillsRecovered: found.fillsRecovered,
    childrenAdopted: found.childrenAdopted,
    childrenSettled: found.childrenSettled,
    childrenRejected: found.childrenRejected,
    orphansCancelled: found.orphans.length,
    orphans: found.orphans,
    durationMs: Math.round(performance.now() - started),
    rowsReplayed,
    notices: found.notices,
    failures,
    book,
  };
}
