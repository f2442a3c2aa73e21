import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FixMessage } from '../../src/fix/message.js';
import { parseFix } from '../../src/fix/parse.js';
import { decodeRecords } from '../../src/fix/store-records.js';
import type { OrderLogRecord } from '../../src/venues/fix/order-log.js';
import type { FixOrderState } from '../../src/venues/fix-venue/fix-order.js';
import { EXO_ID, VENUE_ID } from './fix-processes.js';

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

/** A message a session store holds: the MsgSeqNum it was sent with, and the message (absent for admin ones). */
export interface StoredMessage {
  readonly seq: number;
  readonly message?: FixMessage;
}

/**
 * What a session store file says was sent, in file order (read only: the owner may be writing).
 * A store emptied by a sequence reset starts again at 1, so the seqs tell whether one happened.
 */
export function storedMessages(path: string): StoredMessage[] {
  const { records } = decodeRecords(readFileSync(path));
  const sent: StoredMessage[] = [];
  for (const record of records) {
    if (record.kind !== 'sent') continue;
    const raw = record.raw;
    const message = raw === undefined || raw.length === 0 ? undefined : parseFix(raw).message;
    sent.push(message === undefined ? { seq: record.seq } : { seq: record.seq, message });
  }
  return sent;
}

/** The venue's session store for exo's session, in the venue's store directory. */
export function venueStorePath(venueDir: string): string {
  return join(venueDir, `${VENUE_ID}-${EXO_ID}.store`);
}
