import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OrderLogRecord } from '../../src/venues/fix/order-log.js';
import type { FixOrderState } from '../../src/venues/fix-venue/fix-order.js';
import { followEvents } from '../server/sse-client.js';

/** The JSON lines of a file (a torn last line, mid-write, left out). */
function jsonLines<T>(path: string): T[] {
  const lines: T[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    try {
      if (line !== '') lines.push(JSON.parse(line) as T);
    } catch {
      break;
    }
  }
  return lines;
}

/** The records of exo's FIX order log (`orders.log` in its `--fix-store`). */
export function orderLog(fixStore: string): OrderLogRecord[] {
  return jsonLines<OrderLogRecord>(join(fixStore, 'orders.log'));
}

/** The wire ClOrdID of the D the adapter sent for exo's child `childId`, once it has. */
export function wireIdOf(fixStore: string, childId: string): string | undefined {
  for (const record of orderLog(fixStore)) {
    if (record.t === 'order' && record.id === childId) return record.w;
  }
  return undefined;
}

/**
 * The venue's latest state of the order exo's child `childId` became, from the venue's order
 * journal (`orders.jsonl` in its `--store`), matched by the D's wire ClOrdID; undefined until the
 * venue has it.
 */
export function venueOrderOf(
  venueDir: string,
  fixStore: string,
  childId: string,
): FixOrderState | undefined {
  const first = wireIdOf(fixStore, childId);
  if (first === undefined) return undefined;
  let latest: FixOrderState | undefined;
  for (const line of jsonLines<{ o?: FixOrderState }>(join(venueDir, 'orders.jsonl'))) {
    if (line.o?.clOrdIds.includes(first)) latest = line.o;
  }
  return latest;
}

/** The latest quote of `symbol` exo has, from the `hello` of its event stream (undefined before one). */
export async function touchOf(
  url: string,
  symbol = 'BTC-USD',
): Promise<{ bidPx: string; askPx: string } | undefined> {
  const stream = await followEvents(`${url}/v1/events`);
  try {
    const hello = await stream.next();
    const quotes = hello.data.quotes as Array<{ symbol: string; bidPx: string; askPx: string }>;
    return quotes.find((quote) => quote.symbol === symbol);
  } finally {
    stream.close();
  }
}
