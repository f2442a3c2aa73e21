import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimal } from '../../src/market/decimal.js';
import type { Report } from '../../src/market/report.js';
import { Fixed } from '../../src/risk/fixed.js';
import { OutstandingChildren } from '../../src/risk/outstanding-children.js';
import type { ChildOrderRequest } from '../../src/venues/venue.js';

const SYMBOL = 'BTC-USD';

function child(quantity: string, limitPrice?: string, clOrdId = 'P1-1'): ChildOrderRequest {
  return {
    clOrdId,
    parentId: clOrdId.split('-')[0]!,
    symbol: SYMBOL,
    side: 'buy',
    quantity: decimal(quantity),
    ...(limitPrice === undefined ? {} : { limitPrice: decimal(limitPrice) }),
    timeInForce: 'day',
  };
}

function report(status: Report['status'], extra: Partial<Report> = {}, clOrdId = 'P1-1'): Report {
  return { orderId: clOrdId.split('-')[0]!, clOrdId, status, transactTime: 0, ...extra };
}

/** The buy side's open quantity and notional (at `mark` for a child without a limit). */
function buys(book: OutstandingChildren, mark?: string) {
  const { quantity, notional } = book.sides(
    SYMBOL,
    mark === undefined ? undefined : Fixed.of(decimal(mark)),
  ).buy;
  return { quantity: quantity.toDecimal().toFixed(), notional: notional?.toDecimal().toFixed() };
}

describe('outstanding children', () => {
  it('count a child restored after a restart for what it may still fill, its earlier fills already in the positions', () => {
    const book = new OutstandingChildren();
    book.adopt(child('3', '100'), decimal('1'));
    expect(buys(book)).toEqual({ quantity: '2', notional: '200' });
    book.adopt(child('3', '100'), decimal('0'));
    expect(buys(book)).toEqual({ quantity: '2', notional: '200' });
    book.onReport(report('canceled', { cumQty: decimal('1') }));
    expect(buys(book)).toEqual({ quantity: '0', notional: '0' });
  });

  it('count a fill the venue reported until the order applies it, then no more: never missed, never twice', () => {
    const book = new OutstandingChildren();
    book.add(child('3', '100'));
    expect(buys(book)).toEqual({ quantity: '3', notional: '300' });
    // The venue says 1 filled: the order has not applied it, so the position lacks it yet.
    book.onReport(report('partially_filled', { cumQty: decimal('1'), lastQty: decimal('1') }));
    expect(buys(book).quantity).toBe('3');
    book.applied('P1-1', decimal('1'));
    expect(buys(book).quantity).toBe('2');
    // It ends filled at the venue before the order applied the last 2: they still count.
    book.onReport(report('filled', { cumQty: decimal('3'), lastQty: decimal('2') }));
    expect(buys(book).quantity).toBe('2');
    book.applied('P1-1', decimal('2'));
    expect(buys(book)).toEqual({ quantity: '0', notional: '0' });
    expect(book.get('P1-1')).toBeUndefined();
  });

  it('count what a cancelled child filled and the order has not applied, and nothing of the rest', () => {
    const book = new OutstandingChildren();
    book.add(child('5', '100'));
    book.onReport(report('partially_filled', { lastQty: decimal('2') }));
    book.onReport(report('canceled'));
    expect(buys(book).quantity).toBe('2');
    book.applied('P1-1', decimal('2'));
    expect(book.get('P1-1')).toBeUndefined();
  });

  it('count a pending replace at the larger quantity and the higher limit, then the terms the venue answered', () => {
    const book = new OutstandingChildren();
    book.add(child('2', '100'));
    book.replacing('P1-1', Fixed.of(decimal('1')), Fixed.of(decimal('105')));
    expect(buys(book)).toEqual({ quantity: '2', notional: '210' });
    book.onReport(report('new', { execType: 'replaced' }));
    expect(buys(book)).toEqual({ quantity: '1', notional: '105' });
    book.replacing('P1-1', Fixed.of(decimal('4')), Fixed.of(decimal('90')));
    expect(buys(book)).toEqual({ quantity: '4', notional: '420' });
    book.onReport(report('new', { execType: 'replace_rejected' }));
    expect(buys(book)).toEqual({ quantity: '1', notional: '105' });
  });

  it('price a market child at the mark, and give no notional without one', () => {
    const book = new OutstandingChildren();
    book.add(child('2'));
    expect(buys(book, '50')).toEqual({ quantity: '2', notional: '100' });
    expect(buys(book).notional).toBeUndefined();
    expect(book.sides(SYMBOL, undefined, 'P1-1').buy.notional?.toDecimal().toFixed()).toBe('0');
  });

  it('forget the children of a parent that completed, and a rejected child at once', () => {
    const book = new OutstandingChildren();
    book.add(child('2', '100', 'P1-1'));
    book.add(child('3', '100', 'P2-1'));
    book.onReport(report('rejected', {}, 'P2-1'));
    expect(buys(book).quantity).toBe('2');
    book.add(child('4', '100', 'P3-1'));
    book.forgetParent('P1');
    expect(buys(book).quantity).toBe('4');
    expect(book.get('P3-1')).toBeDefined();
  });

  it('whatever the interleaving of venue fills and the order applying them, count exactly what the position lacks', () => {
    // Each step: the venue reports a fill of 1, or the order applies the oldest reported one.
    fc.assert(
      fc.property(
        fc.array(fc.boolean(), { maxLength: 30 }),
        fc.integer({ min: 1, max: 20 }),
        (steps, size) => {
          const book = new OutstandingChildren();
          book.add(child(String(size), '10'));
          let reported = 0;
          let applied = 0;
          for (const venue of steps) {
            if (venue && reported < size) {
              reported++;
              const status = reported === size ? 'filled' : 'partially_filled';
              book.onReport(
                report(status, { cumQty: decimal(String(reported)), lastQty: decimal('1') }),
              );
            } else if (applied < reported) {
              applied++;
              book.applied('P1-1', decimal('1'));
            }
            // The child may still add everything the position has not counted.
            expect(book.sides(SYMBOL, undefined).buy.quantity.toDecimal().toFixed()).toBe(
              String(size - applied),
            );
          }
          if (applied === size) expect(book.get('P1-1')).toBeUndefined();
          expect(book.sides(SYMBOL, undefined).sell.quantity.eq(Fixed.ZERO)).toBe(true);
        },
      ),
    );
  });
});
