import { describe, expect, it } from 'vitest';
import { decimal } from '../../../src/market/decimal.js';
import { BinanceChild } from '../../../src/venues/binance/binance-child.js';
import { BinanceChildren } from '../../../src/venues/binance/binance-children.js';
import { readExecutionReport } from '../../../src/venues/binance/execution-report.js';
import {
  cursorAfter,
  tradeCursor,
  tradeCursorCovers,
  tradeIdsOf,
} from '../../../src/venues/binance/trade-cursor.js';

/** An executionReport event as Binance sends it, with the fields a test sets. */
function event(fields: Record<string, unknown>) {
  return {
    e: 'executionReport',
    E: 1000,
    s: 'BTCUSDT',
    c: 'p1-1',
    C: '',
    x: 'NEW',
    X: 'NEW',
    r: 'NONE',
    i: 7,
    q: '1.00000000',
    l: '0.00000000',
    L: '0.00000000',
    z: '0.00000000',
    Z: '0.00000000',
    t: -1,
    I: 1,
    T: 1000,
    ...fields,
  };
}

function setUp() {
  const children = new BinanceChildren();
  const child = new BinanceChild({
    clOrdId: 'p1-1',
    parentId: 'p1',
    symbol: 'BTCUSDT',
    side: 'buy',
    timeInForce: 'gtc',
    quantity: decimal('1'),
    limitPrice: decimal('100'),
    sentAt: 0,
  });
  children.add('p1-1', child);
  const apply = (fields: Record<string, unknown>) =>
    children.event(readExecutionReport(event(fields))!);
  return { children, child, apply };
}

describe('executionReports in exo terms', () => {
  it('maps NEW, TRADE (exec ID symbol:t, l/L, cumulative) and FILLED', () => {
    const { apply } = setUp();
    expect(apply({})).toMatchObject([
      { orderId: 'p1', execType: 'new', status: 'new', venueOrderId: '7' },
    ]);
    const [trade] = apply({
      x: 'TRADE',
      X: 'PARTIALLY_FILLED',
      t: 42,
      l: '0.4',
      L: '100',
      z: '0.4',
      I: 2,
    });
    expect(trade).toMatchObject({
      execType: 'trade',
      status: 'partially_filled',
      execId: 'BTCUSDT:42',
    });
    expect([
      trade!.lastQty!.toFixed(),
      trade!.cumQty!.toFixed(),
      trade!.leavesQty!.toFixed(),
    ]).toEqual(['0.4', '0.4', '0.6']);
    const [last] = apply({ x: 'TRADE', X: 'FILLED', t: 43, l: '0.6', L: '101', z: '1', I: 3 });
    expect(last).toMatchObject({ status: 'filled' });
    expect(last!.avgPx!.toFixed()).toBe('100.6');
  });

  it('applies a report seen twice once, and counts it', () => {
    const { apply, children } = setUp();
    apply({});
    const trade = { x: 'TRADE', X: 'PARTIALLY_FILLED', t: 42, l: '0.4', L: '100', z: '0.4', I: 2 };
    expect(apply(trade)).toHaveLength(1);
    expect(apply(trade)).toEqual([]);
    expect(apply({})).toEqual([]);
    expect(children.duplicates).toBe(2);
    // The same trade found again by reconciliation is a duplicate too.
    expect(
      children.trade({ symbol: 'BTCUSDT', id: 42, orderId: 7, price: '100', qty: '0.4', time: 1 }),
    ).toEqual([]);
    expect(children.duplicates).toBe(3);
  });

  it('ends the child on EXPIRED, TRADE_PREVENTION and EXPIRED_IN_MATCH as expired; CANCELED names C', () => {
    for (const [x, X] of [
      ['EXPIRED', 'EXPIRED'],
      ['TRADE_PREVENTION', 'EXPIRED'],
      ['EXPIRED', 'EXPIRED_IN_MATCH'],
    ]) {
      const { apply } = setUp();
      apply({});
      expect(apply({ x, X, I: 5 })).toMatchObject([{ execType: 'expired', status: 'expired' }]);
    }
    const { apply } = setUp();
    apply({});
    expect(
      apply({ x: 'CANCELED', X: 'CANCELED', c: 'cancel-req-9', C: 'p1-1', I: 6 }),
    ).toMatchObject([{ clOrdId: 'p1-1', execType: 'canceled' }]);
  });

  it('takes a cancelReplace as one `replaced` under the new ID, its cancel half no end, fills carried on', () => {
    const { apply, child, children } = setUp();
    apply({});
    apply({ x: 'TRADE', X: 'PARTIALLY_FILLED', t: 1, l: '0.4', L: '100', z: '0.4', I: 2 });
    child.renaming = { newId: 'p1-2', quantity: decimal('1'), limitPrice: decimal('99') };
    children.add('p1-2', child);
    expect(apply({ x: 'CANCELED', X: 'CANCELED', c: 'x', C: 'p1-1', I: 3 })).toEqual([]);
    const [replaced] = apply({ x: 'NEW', X: 'NEW', c: 'p1-2', i: 8, q: '0.6', I: 4 });
    expect(replaced).toMatchObject({
      clOrdId: 'p1-2',
      execType: 'replaced',
      status: 'partially_filled',
      venueOrderId: '8',
    });
    expect(replaced!.leavesQty!.toFixed()).toBe('0.6');
    const [fill] = apply({
      x: 'TRADE',
      X: 'FILLED',
      c: 'p1-2',
      i: 8,
      t: 2,
      l: '0.6',
      L: '99',
      z: '0.6',
      I: 5,
    });
    expect(fill).toMatchObject({ status: 'filled', clOrdId: 'p1-2' });
    expect(fill!.cumQty!.toFixed()).toBe('1');
  });

  it('reads a malformed or foreign event as nothing', () => {
    expect(readExecutionReport({ e: 'outboundAccountPosition' })).toBeUndefined();
    expect(readExecutionReport(event({ X: 'WHATEVER' }))).toBeUndefined();
    expect(readExecutionReport(event({ z: 'not a number' }))).toBeUndefined();
  });
});

describe('the Binance fills cursor', () => {
  it('holds one next trade ID per symbol, and says which fills it covers', () => {
    const ids = tradeIdsOf('BTCUSDT:5,ETHUSDT:9');
    expect(cursorAfter(ids, 'BTCUSDT', 7)).toBe('BTCUSDT:8,ETHUSDT:9');
    expect(cursorAfter(ids, 'BTCUSDT', 3)).toBe('BTCUSDT:8,ETHUSDT:9');
    expect(tradeCursor(tradeIdsOf(undefined))).toBe('');
    const fill = { execId: 'BTCUSDT:7' } as Parameters<typeof tradeCursorCovers>[1];
    expect(tradeCursorCovers('BTCUSDT:8', fill)).toBe(true);
    expect(tradeCursorCovers('BTCUSDT:7', fill)).toBe(false);
    expect(tradeCursorCovers('ETHUSDT:100', fill)).toBe(false);
    expect(() => tradeIdsOf('42')).toThrow(RangeError);
  });
});
