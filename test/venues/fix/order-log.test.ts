import { appendFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decimal } from '../../../src/market/decimal.js';
import { FixOrders } from '../../../src/venues/fix/fix-orders.js';
import { OrderLog } from '../../../src/venues/fix/order-log.js';

const request = (n: number) => ({
  clOrdId: `exo-parent-${n}`,
  parentId: 'exo-parent',
  symbol: 'BTC-USD',
  side: 'sell' as const,
  quantity: decimal('2'),
  timeInForce: 'day' as const,
});

describe("the FIX adapter's order log", () => {
  it('a torn last line (a crash mid-write) is cut off on open; what came before is kept and appends continue', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'exo-order-log-')), 'orders.log');
    const log = OrderLog.open(path, 'never');
    log.append({ t: 'inc', n: 1 });
    log.append({ t: 'name', w: '1-2', id: 'x', of: '1-1' });
    log.close();
    appendFileSync(path, '{"t":"exec","e":"E1","n":1,"w":"1-');
    const reopened = OrderLog.open(path, 'never');
    expect(reopened.records).toEqual([
      { t: 'inc', n: 1 },
      { t: 'name', w: '1-2', id: 'x', of: '1-1' },
    ]);
    reopened.append({ t: 'inc', n: 2 });
    reopened.close();
    expect(
      readFileSync(path, 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line)),
    ).toHaveLength(3);
  });

  it('orders, their terms, wire IDs and applied ExecIDs come back after a reopen; wire IDs never repeat', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'exo-order-log-')), 'orders.log');
    const first = new FixOrders(OrderLog.open(path, 'never'), 20);
    const wire = first.add(request(1));
    const order = first.order('exo-parent-1')!;
    const renamed = first.rename(order.wire, 'exo-parent-2');
    first.applied({
      execId: 'E1',
      wire: renamed,
      status: 'partially_filled',
      orderId: 'V1',
      qty: '3',
      px: '10.5',
      fill: { qty: '1', px: '10.5', time: 5 },
    });
    first.log.close();
    const second = new FixOrders(OrderLog.open(path, 'never'), 20);
    const again = second.order('exo-parent-1')!;
    expect(second.order('exo-parent-2')).toBe(again);
    expect([
      again.wire,
      again.qty,
      again.px,
      again.orderId,
      again.status,
      again.side,
      again.tif,
    ]).toEqual([renamed, '3', '10.5', 'V1', 'partially_filled', 'sell', 'day']);
    expect(second.seen(again, 'E1')).toBe(true);
    expect(
      second.fillsAfter(0).map((f) => [f.execId, f.clOrdId, f.venueOrderId, f.cursor]),
    ).toEqual([['E1', 'exo-parent-2', 'V1', '1']]);
    expect(second.lastSeq).toBe(1);
    const next = second.nextWire();
    expect([wire, renamed]).not.toContain(next);
    expect(next.startsWith('2-')).toBe(true);
  });
});
