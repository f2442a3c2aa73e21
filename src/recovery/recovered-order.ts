import type { JsonValue } from '../journal/journal-row.js';
import type { ParentRestore } from '../orders/parent-restore.js';

/**
 * How many rows of each numbered kind the journal holds for an order, so that a restarted writer
 * numbers its next idempotency keys (`journalKeys.instruction`, `.checkpoint`, `.replace`) after
 * them instead of colliding with them (a collision would be dropped as a duplicate).
 */
export interface JournalCounts {
  readonly instructions: number;
  readonly checkpoints: number;
  /** Replace rows per child clOrdId; children without any are left out. */
  readonly replaces: Readonly<Record<string, number>>;
}

/** What reconciliation with the venue found and did for one order. */
export interface OrderFindings {
  /** Fills the venue had that the journal lacked: journaled once and applied. */
  readonly fillsRecovered: number;
  /** Children found working at the venue whose acknowledgement or request answer was lost. */
  readonly adopted: readonly string[];
  /** Children found ended at the venue (filled, canceled, expired, rejected) and settled so. */
  readonly settled: readonly string[];
  /** Children the venue never heard of: rejected as `not found at venue`. */
  readonly notFound: readonly string[];
}

/**
 * One live parent order as recovery found it: the data its ParentState is rebuilt from, where its
 * children went, its journal counts, its delegate's last checkpoint and, after reconciliation,
 * what the venue said. This is what `Dispatcher.restore` hands the factory's `restore`.
 */
export interface RecoveredOrder {
  readonly parent: ParentRestore;
  /** Each child's venue, by clOrdId. */
  readonly venues: Readonly<Record<string, string>>;
  readonly counts: JournalCounts;
  /** The delegate's last `ctx.checkpoint(...)` state, if it saved one. */
  readonly checkpoint?: JsonValue;
  readonly findings?: OrderFindings;
}
