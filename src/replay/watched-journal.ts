import type { Journal, PruneOptions, SnapshotOptions } from '../journal/journal.js';
import type { AppendResult, JournalEntry, JournalRow } from '../journal/journal-row.js';
import type { JournalSnapshot, SnapshotInfo, SnapshotOrder } from '../journal/journal-snapshot.js';
import type { PruneResult } from '../journal/retention.js';
import { extended } from '../market/extended.js';

/**
 * A journal that counts its calls and the promises it has not settled yet: how the replay knows
 * the engine still has work in flight (a row committing a turn later, a request behind it) before
 * it lets time move on. Rows keep whole milliseconds, as every journal does: a row stamped within
 * a millisecond of the replay's microsecond clock is stamped at its start.
 */
export class WatchedJournal implements Journal {
  readonly #inner: Journal;
  /** Every append and commit wait asked for. */
  calls = 0;
  /** Those not yet settled. */
  outstanding = 0;

  constructor(inner: Journal) {
    this.#inner = inner;
  }

  get path(): string {
    return this.#inner.path;
  }

  get unavailable() {
    return this.#inner.unavailable;
  }

  append(entry: JournalEntry): Promise<AppendResult> {
    const { time } = entry;
    const whole =
      time === undefined || Number.isInteger(time)
        ? entry
        : extended(entry, { time: Math.floor(time) });
    return this.#watch(this.#inner.append(whole));
  }

  committed(): Promise<void> {
    return this.#watch(this.#inner.committed());
  }

  readFrom(sequence: number): Iterable<JournalRow> {
    return this.#inner.readFrom(sequence);
  }

  follow(listener: (rows: readonly JournalRow[]) => void): () => void {
    return this.#inner.follow(listener);
  }

  writeSnapshot(
    orders: readonly SnapshotOrder[],
    options?: SnapshotOptions,
  ): Promise<SnapshotInfo> {
    return this.#watch(this.#inner.writeSnapshot(orders, options));
  }

  latestSnapshot(): JournalSnapshot | undefined {
    return this.#inner.latestSnapshot();
  }

  prune(options?: PruneOptions): Promise<PruneResult> {
    return this.#watch(this.#inner.prune(options));
  }

  close(): Promise<void> {
    return this.#inner.close();
  }

  #watch<T>(promise: Promise<T>): Promise<T> {
    this.calls++;
    this.outstanding++;
    const settled = (): void => {
      this.outstanding--;
    };
    promise.then(settled, settled);
    return promise;
  }
}
