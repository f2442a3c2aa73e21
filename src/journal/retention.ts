import type Database from 'better-sqlite3';
import type { ChunkedWriter } from './chunked-writer.js';

/** Seven days in milliseconds: how long completed orders' rows are kept unless told otherwise. */
export const DEFAULT_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

/** What a pruning pass removed. */
export interface PruneResult {
  /** Rows deleted. */
  readonly rows: number;
  /** Completed orders whose rows are now all gone. */
  readonly orders: number;
}

/** Which completed orders a pruning pass may delete. */
export interface PruneBound {
  /** Orders completed before this time (ms since the epoch). */
  readonly cutoff: number;
  /**
   * Orders whose completion row is at or below this sequence: a snapshot covering less may still
   * hold the order as live, and deleting its completion would bring it back on recovery.
   */
  readonly maxSequence: number;
}

/**
 * Deletes the rows of orders completed before a cutoff, a chunk per transaction. The journal has
 * no index by order (it would cost appends more than half their speed: each row would land on a
 * random page of it), so a pass lists the prunable orders in a temporary table, then walks the
 * journal in sequence order deleting their rows, and deletes their `order_completed` rows last:
 * a pass cut short leaves every order whole or still marked completed (and picked up by the next
 * pass), never looking live again. Idempotency keys go with their rows: a fill replayed after its
 * order was pruned is no longer recognised. Passes must not overlap.
 */
export class RetentionPruner {
  readonly #listCandidates: Database.Statement<[number, number]>;
  readonly #countCandidates: Database.Statement<[], number>;
  readonly #clearCandidates: Database.Statement<[]>;
  readonly #firstSequence: Database.Statement<[], number | null>;
  readonly #chunkEnd: Database.Statement<[number, number], number>;
  readonly #deleteActivity: Database.Statement<[number, number]>;
  readonly #deleteCompletions: Database.Statement<[number]>;

  constructor(db: Database.Database) {
    db.exec('CREATE TEMP TABLE IF NOT EXISTS prune_candidates (order_id TEXT PRIMARY KEY)');
    this.#listCandidates = db.prepare(
      `INSERT OR IGNORE INTO temp.prune_candidates (order_id)
       SELECT order_id FROM journal WHERE kind = 'order_completed' AND time < ? AND sequence <= ?`,
    );
    this.#countCandidates = db
      .prepare<[], number>('SELECT count(*) FROM temp.prune_candidates')
      .pluck();
    this.#clearCandidates = db.prepare('DELETE FROM temp.prune_candidates');
    this.#firstSequence = db
      .prepare<[], number | null>('SELECT min(sequence) FROM journal')
      .pluck();
    this.#chunkEnd = db
      .prepare<[number, number], number>(
        'SELECT sequence FROM journal WHERE sequence >= ? ORDER BY sequence LIMIT 1 OFFSET ?',
      )
      .pluck();
    this.#deleteActivity = db.prepare(
      `DELETE FROM journal WHERE sequence >= ? AND sequence < ? AND kind != 'order_completed'
         AND order_id IN (SELECT order_id FROM temp.prune_candidates)`,
    );
    this.#deleteCompletions = db.prepare(
      `DELETE FROM journal WHERE sequence IN
         (SELECT sequence FROM journal WHERE kind = 'order_completed'
            AND order_id IN (SELECT order_id FROM temp.prune_candidates) LIMIT ?)`,
    );
  }

  /** Prunes every order within `bound`, at most `chunkSize` rows visited per transaction. */
  async prune(writer: ChunkedWriter, bound: PruneBound, chunkSize: number): Promise<PruneResult> {
    const orders = writer.transaction(() => {
      this.#clearCandidates.run();
      this.#listCandidates.run(bound.cutoff, bound.maxSequence);
      return this.#countCandidates.get()!;
    });
    if (orders === 0) return { rows: 0, orders: 0 };
    let rows = 0;
    let from = this.#firstSequence.get() ?? Number.MAX_SAFE_INTEGER;
    while (from < Number.MAX_SAFE_INTEGER) {
      await writer.yieldTurn();
      const to = this.#chunkEnd.get(from, chunkSize) ?? Number.MAX_SAFE_INTEGER;
      rows += writer.transaction(() => this.#deleteActivity.run(from, to).changes);
      from = to;
    }
    for (;;) {
      await writer.yieldTurn();
      const deleted = writer.transaction(() => this.#deleteCompletions.run(chunkSize).changes);
      rows += deleted;
      if (deleted < chunkSize) break;
    }
    writer.transaction(() => this.#clearCandidates.run());
    return { rows, orders };
  }
}
