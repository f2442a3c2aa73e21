import { TickFileError } from './tick-file-error.js';

/** The `format` of every exo tick file's header. */
export const TICK_FORMAT = 'exo-ticks';
/** The tick file version this code writes, and the newest it reads. */
export const TICK_VERSION = 1;
/** How blocks are packed: deflate-raw of a MessagePack array of positional events. */
export const TICK_CODEC = 'msgpack+deflate-raw';

/** A recording's first line: what it is, how it is packed, where its data came from. */
export interface TickHeader {
  readonly format: typeof TICK_FORMAT;
  readonly version: number;
  readonly codec: string;
  /** The feed recorded: `sim`, `coinbase`, `binance`. */
  readonly feed: string;
  /** The exo version that wrote it. */
  readonly exo: string;
  /** When recording began (ISO 8601, on the recorder's clock). */
  readonly created: string;
  /** Anything else the writer said (a simulated feed's seed, say). */
  readonly [extra: string]: unknown;
}

/**
 * The header line of `file` parsed and checked: refused (TickFileError) when it is not an exo
 * tick file, or when it is of a newer version than this code reads. The codec is the caller's to
 * check: a JSON-lines recording may start with the header of the tick file it was printed from.
 */
export function parseTickHeader(file: string, line: string): TickHeader {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    value = undefined;
  }
  const header = value as Partial<TickHeader> | undefined;
  if (typeof header !== 'object' || header === null || header.format !== TICK_FORMAT) {
    throw new TickFileError(file, 'not-tick-file', 'byte 0', `not an exo tick file`);
  }
  if (typeof header.version !== 'number' || header.version > TICK_VERSION) {
    throw new TickFileError(
      file,
      'newer-version',
      'header',
      `tick file version ${String(header.version)} is newer than this exo reads (${TICK_VERSION})`,
    );
  }
  return header as TickHeader;
}
