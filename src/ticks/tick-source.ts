import type { TickEvent } from './tick-event.js';
import type { TickHeader } from './tick-header.js';

/** One format's reading of a recording, behind TickReader. */
export interface TickSource {
  readonly header: TickHeader;
  /** The events in order, a block (or batch of lines) at a time; once. */
  blocks(): AsyncGenerator<readonly TickEvent[]>;
  /** After iteration: whether the recording ended early and what was readable was read. */
  readonly truncated: boolean;
  /** After iteration: the byte offset after the last whole block (lines: bytes read). */
  readonly lastGoodOffset: number;
  /** Releases the file; iteration does so when it ends. */
  close(): Promise<void>;
}
