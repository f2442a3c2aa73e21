import type { TickEvent } from '../ticks/tick-event.js';

/**
 * What replay's orders are checked against: the symbols a recording holds, its first and last
 * receive instants (µs), and how many events it has (the progress bar's total).
 */
export interface RecordingSpan {
  readonly symbols: ReadonlySet<string>;
  readonly fromUs: number;
  readonly toUs: number;
  readonly events: number;
}

/**
 * Reads a recording's blocks once for its span: every symbol named by a definition, a quote or a
 * trade (symbols may appear mid-file), and its first and last receive instants. An empty
 * recording spans nothing: fromUs and toUs are 0, and no order fits in it.
 */
export async function scanRecording(
  blocks: AsyncIterable<readonly TickEvent[]> | Iterable<readonly TickEvent[]>,
): Promise<RecordingSpan> {
  const symbols = new Set<string>();
  let fromUs: number | undefined;
  let toUs = 0;
  let events = 0;
  for await (const block of blocks) {
    for (const event of block) {
      if (event.kind !== 'gap') symbols.add(event.symbol);
      fromUs ??= event.recvUs;
      toUs = event.recvUs;
    }
    events += block.length;
  }
  return { symbols, fromUs: fromUs ?? 0, toUs, events };
}
