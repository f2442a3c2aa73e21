import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Decimal } from '../../src/market/decimal.js';
import type { OrderLogRecord } from '../../src/venues/fix/order-log.js';
import { type FixOrderState, isWorking } from '../../src/venues/fix-venue/fix-order.js';
import { addFilled, type VenueTruth } from './venue-truth.js';

/**
 * The FIX venue's truth, read from the files it and exo keep: the venue's order journal
 * (`orders.jsonl` in its store: every order's latest state, cumQty included) says what filled;
 * exo's FIX order log (`orders.log`, written before each D, G or F leaves) names the parent of
 * every wire ClOrdID. A venue order none of whose ClOrdIDs exo logged is unclaimed: its fills
 * could reach no parent. Read-only, whole lines only: the venue may still be appending.
 */
export function fixVenueTruth(venueStore: string, exoFixStore: string): VenueTruth {
  const parentOfWire = new Map<string, string>();
  for (const record of jsonLines<OrderLogRecord>(join(exoFixStore, 'orders.log'))) {
    if (record.t === 'order') parentOfWire.set(record.w, record.parent);
    else if (record.t === 'name') {
      const parent = parentOfWire.get(record.of);
      if (parent !== undefined) parentOfWire.set(record.w, parent);
    }
  }
  const orders = new Map<string, FixOrderState>();
  for (const line of jsonLines<{ o?: FixOrderState }>(join(venueStore, 'orders.jsonl'))) {
    if (line.o !== undefined) orders.set(line.o.orderId, line.o);
  }
  const filledByParent = new Map<string, Decimal>();
  const open: string[] = [];
  const unclaimed: string[] = [];
  for (const order of orders.values()) {
    const parent = order.clOrdIds.map((id) => parentOfWire.get(id)).find((p) => p !== undefined);
    const name = `${order.clOrdId} (OrderID ${order.orderId}, 39=${order.status}, cumQty ${order.cumQty})`;
    if (parent === undefined) unclaimed.push(name);
    else if (new Decimal(order.cumQty).gt(0)) addFilled(filledByParent, parent, order.cumQty);
    if (isWorking(order)) open.push(name);
  }
  return {
    filledByParent,
    open,
    unclaimed,
    files: { 'venue-orders.json': [...orders.values()] },
  };
}

/** The complete JSON lines of a file (a torn last line is left out), none if it is missing. */
function jsonLines<T>(path: string): T[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return [];
  }
  const lines = text.split('\n');
  lines.pop(); // after the last newline: empty, or a line still being written
  return lines.filter((line) => line !== '').map((line) => JSON.parse(line) as T);
}
