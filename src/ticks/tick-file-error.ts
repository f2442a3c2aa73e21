/** What is wrong with a recording, by kind, for callers that act on it (replay's `--allow-truncated`). */
export type TickFileProblem =
  | 'not-tick-file'
  | 'newer-version'
  | 'bad-block'
  | 'truncated'
  | 'time-backwards'
  | 'bad-field'
  | 'bad-json';

/**
 * A recording (tick file or JSON lines) that cannot be read or written as it is. The message names
 * the file and the position (block and byte offset, event index, or line:column) and what is wrong,
 * in one line: bad input is never skipped silently.
 */
export class TickFileError extends Error {
  override readonly name = 'TickFileError';

  constructor(
    /** The file concerned. */
    readonly file: string,
    readonly problem: TickFileProblem,
    /** Where, in words: `block 3 at byte 4096`, `event 17`, `line 4:12`. */
    readonly position: string,
    /** What is wrong, without the file and position. */
    readonly detail: string,
    /** The field at fault, for a bad field. */
    readonly field?: string,
  ) {
    super(`${file}: ${position}: ${detail}`);
  }
}
