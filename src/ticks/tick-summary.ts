import type { TickEvent } from './tick-event.js';
import type { TickHeader } from './tick-header.js';
import { TickReader, type TickReadOptions } from './tick-reader.js';

/** Events of one symbol by kind. */
export interface SymbolCounts {
  quote: number;
  trade: number;
  symbol: number;
  gap: number;
}

/** What a recording holds, every block read and verified: what `exo info` prints. */
export interface TickSummary {
  readonly file: string;
  readonly header: TickHeader;
  readonly events: number;
  /** Blocks of a tick file (batches of lines for JSON lines). */
  readonly blocks: number;
  readonly kinds: SymbolCounts;
  readonly symbols: Record<string, SymbolCounts>;
  /** First and last receive time, µs and ISO; absent for an empty recording. */
  readonly span?: {
    readonly fromUs: number;
    readonly toUs: number;
    readonly from: string;
    readonly to: string;
    readonly seconds: number;
  };
  readonly truncated: boolean;
  readonly lastGoodOffset: number;
}

const zero = (): SymbolCounts => ({ quote: 0, trade: 0, symbol: 0, gap: 0 });

/** Reads every event of `file` (a TickFileError on the first problem) and counts them. */
export async function summarizeTicks(
  file: string,
  options: TickReadOptions = {},
): Promise<TickSummary> {
  const reader = await TickReader.open(file, options);
  const kinds = zero();
  const symbols: Record<string, SymbolCounts> = {};
  let events = 0;
  let blocks = 0;
  let first: number | undefined;
  let last = 0;
  const count = (symbol: string, kind: TickEvent['kind']): void => {
    if (!Object.hasOwn(symbols, symbol)) symbols[symbol] = zero();
    symbols[symbol]![kind]++;
  };
  for await (const block of reader.blocks()) {
    blocks++;
    for (const event of block) {
      events++;
      kinds[event.kind]++;
      first ??= event.recvUs;
      last = event.recvUs;
      if (event.kind === 'gap') for (const symbol of event.symbols) count(symbol, 'gap');
      else count(event.symbol, event.kind);
    }
  }
  const iso = (us: number): string => new Date(Math.floor(us / 1000)).toISOString();
  return {
    file,
    header: reader.header,
    events,
    blocks,
    kinds,
    symbols,
    ...(first === undefined
      ? {}
      : {
          span: {
            fromUs: first,
            toUs: last,
            from: iso(first),
            to: iso(last),
            seconds: (last - first) / 1e6,
          },
        }),
    truncated: reader.truncated,
    lastGoodOffset: reader.lastGoodOffset,
  };
}
