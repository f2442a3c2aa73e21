import { BinarySource } from './binary-source.js';
import { JsonLinesSource } from './jsonl-source.js';
import type { TickEvent } from './tick-event.js';
import type { TickHeader } from './tick-header.js';
import type { TickSource } from './tick-source.js';

/** How a recording is read. */
export interface TickReadOptions {
  /** Read a tick file that ends early (no end block) up to its last whole block, and say so. */
  readonly allowTruncated?: boolean;
}

/** Whether `file` is named as JSON lines (`.jsonl`, `.jsonl.gz`) rather than a tick file. */
export function isJsonLines(file: string): boolean {
  return file.endsWith('.jsonl') || file.endsWith('.jsonl.gz');
}

/**
 * A recording, read in order a block at a time: an exo tick file, or JSON lines (by the name's
 * ending). Every problem is a TickFileError naming file and position; nothing is skipped.
 */
export class TickReader {
  private constructor(private readonly source: TickSource) {}

  /** Opens `file` and reads its header; refused when it is not a recording this exo reads. */
  static async open(file: string, options: TickReadOptions = {}): Promise<TickReader> {
    const source = isJsonLines(file)
      ? await JsonLinesSource.open(file)
      : await BinarySource.open(file, options.allowTruncated === true);
    return new TickReader(source);
  }

  /** What the recording says of itself. */
  get header(): TickHeader {
    return this.source.header;
  }

  /** The events in order, a block at a time; iterate once. The file closes when it ends. */
  blocks(): AsyncIterable<readonly TickEvent[]> {
    return this.source.blocks();
  }

  /** After iteration: whether the file ended early and only its readable part was read. */
  get truncated(): boolean {
    return this.source.truncated;
  }

  /** After iteration: the byte offset after the last whole block read. */
  get lastGoodOffset(): number {
    return this.source.lastGoodOffset;
  }

  /** Releases the file without iterating. */
  close(): Promise<void> {
    return this.source.close();
  }
}

/** The events of `file`, a block at a time: `TickReader.open` then `blocks()`. */
export async function* readTicks(
  file: string,
  options: TickReadOptions = {},
): AsyncIterable<readonly TickEvent[]> {
  const reader = await TickReader.open(file, options);
  yield* reader.blocks();
}
