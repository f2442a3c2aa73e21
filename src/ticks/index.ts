/** Recordings: the exo tick file (writer, reader), JSON lines, and the recorder that taps a feed. */

export { monotonicMicros } from './monotonic-micros.js';
export { type RecordingTap, type RecordingTapOptions, recordingTap } from './recording-tap.js';
export { RecordingFiles, rotatedName, type TickRotation } from './rotating-writer.js';
export type { GapTick, QuoteTick, SymbolTick, TickEvent, TradeTick } from './tick-event.js';
export { TickFileError, type TickFileProblem } from './tick-file-error.js';
export { TICK_CODEC, TICK_FORMAT, TICK_VERSION, type TickHeader } from './tick-header.js';
export { isJsonLines, readTicks, TickReader, type TickReadOptions } from './tick-reader.js';
export { type TickGrid, TickRecorder, type TickRecorderOptions } from './tick-recorder.js';
export { type SymbolCounts, summarizeTicks, type TickSummary } from './tick-summary.js';
export { TickWriter, type TickWriterOptions } from './tick-writer.js';
