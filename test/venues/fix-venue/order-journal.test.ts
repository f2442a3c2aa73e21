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

  it('a journal with far more lines than orders is rewritten on open with one line per order', () => {
    const path = join(storeDir(), 'orders.jsonl');
    const { journal } = OrderJournal.open(path, false);
    for (let i = 1; i <= 12_000; i++) journal.record(order(`O${i % 3}`, '1', String(i)), i, 3);
    journal.close();
    const before = OrderJournal.open(path, false);
    before.journal.close();
    const lines = readFileSync(path, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(4);
    const after = OrderJournal.open(path, false);
    expect(after.contents).toEqual(before.contents);
    expect(after.contents.execCount).toBe(12_000);
    expect(after.contents.orders.map((o) => [o.orderId, o.cumQty])).toEqual([
      ['O1', '11998'],
      ['O2', '11999'],
      ['O0', '12000'],
    ]);
    after.journal.record(order('O4', '0'), 12_001, 4);
    after.journal.close();
    expect(OrderJournal.open(path, false).contents.orderCount).toBe(4);
  });
});
