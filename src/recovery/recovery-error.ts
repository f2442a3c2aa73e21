import type { JournalRow } from '../journal/journal-row.js';

/**
 * A journal recovery cannot read: a row or snapshot body that breaks the contract of
 * journal-records.ts. Names the row (or snapshot and order) and the field, so the command line
 * can exit naming both before anything reaches a venue.
 */
export class RecoveryError extends Error {
  override readonly name = 'RecoveryError';

  constructor(
    /** Where: `row 42 (fill)` or `snapshot 3, order exo-1`. */
    readonly where: string,
    readonly reason: string,
  ) {
    super(`journal ${where}: ${reason}`);
  }

  /** A row whose body is not what its kind promises. */
  static fromRow(row: JournalRow, cause: Error): RecoveryError {
    return new RecoveryError(
      `row ${row.sequence} (${row.kind}, order ${row.orderId})`,
      cause.message,
    );
  }

  /** A snapshot entry that cannot be read or restored. */
  static fromSnapshot(snapshotId: number, orderId: string, cause: unknown): RecoveryError {
    const reason = cause instanceof Error ? cause.message : String(cause);
    return new RecoveryError(`snapshot ${snapshotId}, order ${orderId}`, reason);
  }
}
