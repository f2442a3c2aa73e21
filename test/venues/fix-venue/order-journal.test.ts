import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FixOrderState } from '../../../src/venues/fix-venue/fix-order.js';
import { OrderJournal } from '../../../src/venues/fix-venue/order-journal.js';
import { storeDir } from './venue-process.js';

function order(orderId: string, status: string, cumQty = '0'): FixOrderState {
  return {
    orderId,
    owner: 'EXO',
    clOrdId: `C-${orderId}`,
    clOrdIds: [`C-${orderId}`],
    symbol: 'BTC-USD',
    side: '1',
    ordType: '2',
    tif: '1',
    qty: '1',
    price: '100',
    cumQty,
    notional: '0',
    status,
  };
}

describe('FIX venue order journal', () => {
  it('reopens with the latest state of each order and the highest counters; a torn last line is cut off', () => {
    const path = join(storeDir(), 'orders.jsonl');
    const { journal } = OrderJournal.open(path, false);
    journal.record(order('O1', '0'), 1, 1);
    journal.record(order('O2', '0'), 2, 2);
    journal.record(order('O1', '1', '0.5'), 3, 2);
    journal.record(undefined, 4, 2);
    journal.close();
    const good = readFileSync(path).length;
    appendFileSync(path, '{"o":{"orderId":"O3"');
    const reopened = OrderJournal.open(path, false);
    expect(reopened.contents.execCount).toBe(4);
    expect(reopened.contents.orderCount).toBe(2);
    expect(reopened.contents.orders).toEqual([order('O1', '1', '0.5'), order('O2', '0')]);
    expect(readFileSync(path).length).toBe(good);
    reopened.journal.record(order('O2', '4'), 5, 2);
    reopened.journal.close();
    const third = OrderJournal.open(path, true);
    expect(third.contents.orders.map((o) => o.status)).toEqual(['1', '4']);
    expect(third.contents.execCount).toBe(5);
    third.journal.close();
  });
});
