import type { JournalRow } from '../journal-row.js';

/**
 * The journal's rows held in memory, in sequence order: what makes `readFrom` synchronous on a
 * database that answers asynchronously. Loaded whole at open (the engine's start reads every
 * row anyway) and kept up to date by each commit and pruning pass. It costs memory proportional
 * to the rows retained, as the engine's own order history does.
 */
export class RowMirror {
  #rows: JournalRow[] = [];

  /** How many rows it holds. */
  get size(): number {
    return this.#rows.length;
  }

  /** Adds committed rows, each after every row already held. */
  push(rows: Iterable<JournalRow>): void {
    for (const row of rows) this.#rows.push(row);
  }

  /** Drops the rows of these orders (what a pruning pass deleted). */
  drop(orderIds: ReadonlySet<string>): void {
    this.#rows = this.#rows.filter((row) => !orderIds.has(row.orderId));
  }

  /**
   * The rows from `sequence` on (inclusive), oldest first; rows added while iterating are seen,
   * and a pruning pass meanwhile does not make it skip or repeat a row.
   */
  *from(sequence: number): Generator<JournalRow, void, undefined> {
    let rows = this.#rows;
    let index = this.#indexOf(sequence);
    let last = sequence - 1;
    for (;;) {
      if (rows !== this.#rows) {
        rows = this.#rows;
        index = this.#indexOf(last + 1);
      }
      const row = rows[index];
      if (row === undefined) return;
      index++;
      last = row.sequence;
      yield row;
    }
  }

  /** The index of the first row at or after `sequence`. */
  #indexOf(sequence: number): number {
    let low = 0;
    let high = this.#rows.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.#rows[middle]!.sequence < sequence) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
