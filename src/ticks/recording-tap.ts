import type { Clock } from '../core/clock.js';
import type { MarketDataSubscriber } from '../core/market-data.js';
import type { FeedEvents } from '../feeds/connection/feed-events.js';
import { monotonicMicros } from './monotonic-micros.js';
import { RecordingFiles } from './rotating-writer.js';
import { type TickGrid, TickRecorder } from './tick-recorder.js';

/** How an engine's market data is recorded. */
export interface RecordingTapOptions {
  readonly file: string;
  /** The feed recorded, for the header. */
  readonly feed: string;
  /** The writer's clock (flushes, the header's `created`). */
  readonly clock: Clock;
  /** The receive clock in µs; monotonicMicros by default (a virtual clock's time × 1000 in tests). */
  readonly nowUs?: () => number;
  readonly grid?: (symbol: string) => TickGrid | undefined;
  /** A live feed whose gaps are recorded too. */
  readonly gaps?: { on(event: 'gap', listener: FeedEvents['gap']): () => void };
}

/** A market tap (assembleEngine's `marketTap`) that records to a tick file. */
export interface RecordingTap {
  tap(source: MarketDataSubscriber): MarketDataSubscriber;
  /** Writes the end block; the engine calls it after closing its market data. */
  close(): void;
  /** Closes, and removes the files the recording created: for an engine that failed to start. */
  discard(): void;
  /** Events recorded so far. */
  readonly events: number;
}

/**
 * `exo --record FILE`: records every quote and trade the engine's market data source delivers
 * while it trades (before the engine's conflation), each symbol's definition, and a live feed's
 * gaps; the file gets its end block when the engine closes its market data.
 */
export function recordingTap(options: RecordingTapOptions): RecordingTap {
  const files = new RecordingFiles(options.file, { feed: options.feed, clock: options.clock });
  const recorder = new TickRecorder({
    write: (event) => files.write(event),
    nowUs: options.nowUs ?? monotonicMicros(),
    ...(options.grid === undefined ? {} : { grid: options.grid }),
  });
  const stopGaps = options.gaps?.on('gap', (gap) => recorder.gap(gap));
  return {
    tap: (source) => recorder.subscriber(source),
    close: () => {
      stopGaps?.();
      files.close();
    },
    discard: () => {
      stopGaps?.();
      files.discard();
    },
    get events() {
      return files.events;
    },
  };
}
