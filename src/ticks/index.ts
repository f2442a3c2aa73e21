/** Recordings: the exo tick file (writer, reader), JSON lines, and the recorder that taps a feed. */
export type { GapTick, QuoteTick, SymbolTick, TickEvent, TradeTick } from './tick-event.js';
export { TickFileError, type TickFileProblem } from './tick-file-error.js';
export { TICK_CODEC, TICK_FORMAT, TICK_VERSION, type TickHeader } from './tick-header.js';
export { isJsonLines, readTicks, TickReader, type TickReadOptions } from './tick-reader.js';
export { TickWriter, type TickWriterOptions } from './tick-writer.js';
