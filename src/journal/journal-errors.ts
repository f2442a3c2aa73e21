/**
 * A file that cannot be used as a journal: not a SQLite database, failing its integrity check,
 * missing, locked by another process, or some other program's database. Names the file and why,
 * so the command line can exit naming both before anything reaches a venue.
 */
export class JournalFileError extends Error {
  override readonly name = 'JournalFileError';

  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`journal ${path}: ${reason}`);
  }
}

/** A journal written by a newer exo: its schema version is above the one this code knows. */
export class JournalSchemaError extends Error {
  override readonly name = 'JournalSchemaError';

  constructor(
    readonly path: string,
    readonly fileVersion: number,
    readonly supportedVersion: number,
  ) {
    super(
      `journal ${path}: schema version ${fileVersion} is newer than this exo supports (${supportedVersion})`,
    );
  }
}

/**
 * The journal can no longer write (disk full, I/O error, closed). Every append waiting on the
 * failed commit rejects with it, and so does every later append: intake must stop, not continue
 * without durability.
 */
export class JournalUnavailableError extends Error {
  override readonly name: string = 'JournalUnavailableError';

  constructor(
    /** Why, in words: the underlying error's message, or `journal closed`. */
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`journal unavailable: ${reason}`, options);
  }

  /** The error for a write that failed with `cause`. */
  static from(cause: unknown): JournalUnavailableError {
    const reason = cause instanceof Error ? cause.message : String(cause);
    return new JournalUnavailableError(reason, { cause });
  }
}

/**
 * The journal lost its lease: another owner took the shard (a higher epoch), or this one could
 * not renew before its local deadline. Nothing more may be journaled or sent under the old
 * epoch; it is a JournalUnavailableError, so intake stops as for any journal that cannot write.
 */
export class JournalFencedError extends JournalUnavailableError {
  override readonly name: string = 'JournalFencedError';

  constructor(reason: string) {
    super(`fenced: ${reason.replace(/^fenced: /, '')}`);
  }
}

/** An entry or snapshot the journal refused before writing anything, naming the offending field. */
export class JournalEntryError extends Error {
  override readonly name = 'JournalEntryError';

  constructor(
    readonly field: string,
    problem: string,
  ) {
    super(`${field}: ${problem}`);
  }
}
