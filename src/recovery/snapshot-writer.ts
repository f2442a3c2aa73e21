import { setImmediate as nextTurn } from 'node:timers/promises';
import type { CancelTimer, Clock } from '../core/clock.js';
import type { Journal } from '../journal/journal.js';
import type { JournalRow } from '../journal/journal-row.js';
import type { SnapshotInfo, SnapshotOrder } from '../journal/journal-snapshot.js';
import type { RecoveryBook } from './recovery-book.js';

/** When the snapshot writer snapshots, and how much it reads per event-loop turn. */
export interface SnapshotWriterOptions {
  readonly journal: Journal;
  readonly clock: Clock;
  /** The book to keep folding: the one recovery rebuilt (a fresh one for an empty journal). */
  readonly book: RecoveryBook;
  /** Snapshot once this many rows were folded since the last one. Default 100,000. */
  readonly everyRows?: number;
  /** Snapshot at least this often while rows arrive, in ms. Default 60,000. */
  readonly everyMs?: number;
  /** How often the writer catches up with the journal, in ms. Default 1,000. */
  readonly pollMs?: number;
  /** Rows folded per event-loop turn, so catching up never stalls the loop. Default 2,000. */
  readonly rowsPerTurn?: number;
  /** Told when catching up or a snapshot fails; the writer tries again on its next poll. */
  readonly onError?: (error: unknown) => void;
}

/** The snapshot entries of a book: its live orders' bodies and its own cursors. */
export function snapshotLiveOrders(book: RecoveryBook): SnapshotOrder[] {
  return book.snapshotEntries();
}

/**
 * Keeps a recovery book in step with the journal and writes it as a snapshot every N rows or T ms
 * (`journal.writeSnapshot`). Once started it folds each commit's rows as the journal announces
 * them (`journal.follow`), so rows are not read back from the file they were just written to; it
 * reads rows back, a slice per turn, only to catch up (at its first poll, after a failed fold).
 * The snapshot is the book after exactly the rows it folded, so snapshot + the rows after it =
 * full replay; when rows were still uncommitted as it was taken, its book entry says where
 * folding stopped, and another snapshot follows at the next poll.
 */
export class SnapshotWriter {
  readonly #options: SnapshotWriterOptions;
  readonly #book: RecoveryBook;
  #rowsAtSnapshot: number;
  #lastSnapshotAt: number;
  #behind = false;
  #timer: CancelTimer | undefined;
  #running: Promise<void> | undefined;
  #stopped = false;
  /**
   * Whether the book holds every committed row, so announced rows may be folded as they come.
   * Until then announced rows are left to the catch-up, which reads them back in order: folding
   * one ahead of the catch-up would skip the committed rows between them.
   */
  #caughtUp = false;
  #unfollow: (() => void) | undefined;

  constructor(options: SnapshotWriterOptions) {
    this.#options = options;
    this.#book = options.book;
    this.#rowsAtSnapshot = options.book.rows;
    this.#lastSnapshotAt = options.clock.now();
  }

  /** Starts following the journal's commits and polling for snapshots. */
  start(): void {
    this.#unfollow = this.#options.journal.follow((rows) => this.#foldAnnounced(rows));
    this.#schedule();
  }

  /** Stops following and polling; resolves once a catch-up or snapshot under way has finished. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#unfollow?.();
    this.#timer?.();
    await this.#running;
  }

  /** Catches up with every committed row and writes a snapshot now. */
  async snapshot(): Promise<SnapshotInfo> {
    await this.#catchUp();
    this.#foldCommitted(Number.POSITIVE_INFINITY);
    const info = await this.#options.journal.writeSnapshot(this.#book.snapshotEntries());
    this.#behind = info.coversSequence > this.#book.lastSequence;
    this.#rowsAtSnapshot = this.#book.rows;
    this.#lastSnapshotAt = this.#options.clock.now();
    return info;
  }

  #schedule(): void {
    if (this.#stopped) return;
    const { clock, pollMs = 1_000 } = this.#options;
    this.#timer = clock.setTimer(clock.now() + pollMs, () => {
      this.#running = this.#poll().finally(() => this.#schedule());
    });
  }

  async #poll(): Promise<void> {
    const { everyRows = 100_000, everyMs = 60_000, clock, onError } = this.#options;
    try {
      await this.#catchUp();
      const rows = this.#book.rows - this.#rowsAtSnapshot;
      const due = rows >= everyRows || (rows > 0 && clock.now() - this.#lastSnapshotAt >= everyMs);
      if (!this.#stopped && (due || this.#behind)) await this.snapshot();
    } catch (error) {
      onError?.(error);
    }
  }

  #foldAnnounced(rows: readonly JournalRow[]): void {
    if (!this.#caughtUp) return;
    try {
      for (const row of rows) if (row.sequence > this.#book.lastSequence) this.#book.apply(row);
    } catch (error) {
      this.#caughtUp = false;
      this.#options.onError?.(error);
    }
  }

  /**
   * Folds committed rows a slice per turn until a slice comes back short: the book then holds
   * every committed row, and since no commit can run before this returns, announced rows can be
   * folded from here on.
   */
  async #catchUp(): Promise<void> {
    const perTurn = this.#options.rowsPerTurn ?? 2_000;
    while (!this.#stopped && this.#foldCommitted(perTurn) === perTurn) await nextTurn();
    this.#caughtUp = !this.#stopped;
  }

  /** Folds up to `limit` committed rows after the book's last; returns how many. */
  #foldCommitted(limit: number): number {
    let folded = 0;
    if (limit <= 0) return folded;
    for (const row of this.#options.journal.readFrom(this.#book.lastSequence + 1)) {
      this.#book.apply(row);
      if (++folded >= limit) break;
    }
    return folded;
  }
}
