/**
 * What long background writes (snapshots, pruning) run on: one short transaction per chunk, a
 * turn of the event loop yielded between chunks so appends and replies are not held up.
 */
export interface ChunkedWriter {
  /** Runs `write` in one transaction; a failure makes the journal unavailable and throws why. */
  transaction<T>(write: () => T): T;
  /** Lets the event loop run; throws if the journal was closed or failed meanwhile. */
  yieldTurn(): Promise<void>;
}

/** Rows per transaction for snapshots and pruning unless told otherwise. */
export const DEFAULT_CHUNK_SIZE = 1_000;
