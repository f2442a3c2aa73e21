import type { Clock } from '../core/clock.js';
import { DEFAULT_CHUNK_SIZE } from './chunked-writer.js';
import { handled } from './handled.js';
import type { PruneOptions, SnapshotOptions } from './journal.js';
import type { SnapshotPoint } from './journal-snapshot.js';
import { checkedChunkSize, checkedRetention } from './pending-row.js';
import { DEFAULT_RETENTION_MS } from './retention.js';

/** What a pruning pass was asked: orders completed before `cutoff`, `chunkSize` rows at a time. */
export interface PruneRequest {
  readonly cutoff: number;
  readonly chunkSize: number;
}

/**
 * A journal's snapshots and pruning passes: run one at a time, in call order, behind the turn's
 * commit, with the sequences the snapshots under way cover kept so that pruning never passes the
 * lowest (a snapshot still holding an order as live must not lose the order's rows). Shared by
 * every Journal implementation; what each writes is its own.
 */
export class BackgroundWrites {
  readonly #clock: Clock;
  readonly #snapshotsInFlight: number[] = [];
  #queue: Promise<unknown> = Promise.resolve();

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /**
   * Where a snapshot asked now is taken: covering `lastSequence`, at the clock's now, in chunks
   * of the size asked (checked: a JournalEntryError names a bad one).
   */
  snapshotPoint(lastSequence: number, options: SnapshotOptions): SnapshotPoint {
    const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
    checkedChunkSize(chunkSize);
    return { coversSequence: lastSequence, time: this.#clock.now(), chunkSize };
  }

  /** The pruning pass asked now, its options checked (a JournalEntryError names a bad one). */
  pruneRequest(options: PruneOptions): PruneRequest {
    const retentionMs = options.retentionMs ?? DEFAULT_RETENTION_MS;
    const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
    checkedChunkSize(chunkSize);
    checkedRetention(retentionMs);
    return { cutoff: this.#clock.now() - retentionMs, chunkSize };
  }

  /** Runs `write` as a snapshot covering `point`, after every earlier background write. */
  snapshot<T>(point: SnapshotPoint, write: () => Promise<T>): Promise<T> {
    this.#snapshotsInFlight.push(point.coversSequence);
    return this.run(async () => {
      try {
        return await write();
      } finally {
        this.#snapshotsInFlight.splice(this.#snapshotsInFlight.indexOf(point.coversSequence), 1);
      }
    });
  }

  /**
   * The highest completion sequence a pruning pass may delete: what the newest complete snapshot
   * covers (`latestCovers`), and no more than any snapshot under way covers.
   */
  pruneBound(latestCovers: number | undefined): number {
    return Math.min(latestCovers ?? Number.MAX_SAFE_INTEGER, ...this.#snapshotsInFlight);
  }

  /** Runs `task` after every earlier background write settled. */
  run<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task, task);
    this.#queue = run.catch(() => undefined);
    return handled(run);
  }

  /** Resolves once every background write asked so far has settled. */
  async idle(): Promise<void> {
    await this.#queue;
  }
}
