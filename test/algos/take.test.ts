import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Decimal, decimal } from '../../src/market/decimal.js';
import type { ChildOrderRequest } from '../../src/venues/venue.js';
import type { FakeVenue } from './fake-venue.js';
import { harness } from './harness.js';

/** Makes the venue answer IOCs at once: fill what `book()` offers within the price, cancel the rest. */
function matchIocs(venue: FakeVenue, book: () => { px: Decimal; qty: Decimal }): void {
  venue.onSubmit = (request: ChildOrderRequest) => {
    const { clOrdId } = request;
    venue.ack(clOrdId);
    const { px, qty } = book();
    const reachable = request.limitPrice === undefined || px.lte(request.limitPrice);
    const fillQty = reachable ? (qty.lt(request.quantity) ? qty : request.quantity) : decimal('0');
    if (fillQty.gt(0)) venue.fill(clOrdId, fillQty.toFixed(), px.toFixed());
    if (fillQty.lt(request.quantity)) venue.canceled(clOrdId);
  };
}

describe('take', () => {
  it('acts at once on the last known quote of its symbol, without waiting for the next', async () => {
    const h = harness();
    // A resting peg keeps the symbol's quotes flowing to the dispatcher.
    await h.place({ quantity: '1', limitPrice: '90', algo: 'peg' });
    await h.quote('99', '5', '100', '3');
    const resting = h.venue.submitted.length;

    const order = await h.place({ quantity: '2', limitPrice: '101', algo: 'take' });
    const sent = h.venue.submitted.slice(resting);
    expect(sent.map((r) => [r.parentId, r.quantity.toFixed(), r.limitPrice?.toFixed()])).toEqual([
      [order.orderId, '2', '100'],
    ]);
  });

  it('crosses the spread for min(far size, leaves) until filled, never through the limit', async () => {
    const h = harness();
    let book = { px: decimal('100'), qty: decimal('3') };
    matchIocs(h.venue, () => book);
    const order = await h.place({ quantity: '10', limitPrice: '101', algo: 'take' });
    expect(h.kinds()).toEqual(['accepted']);

    await h.quote('99', '5', '100', '3');
    expect(h.venue.submitted.map((r) => [r.quantity.toFixed(), r.limitPrice?.toFixed()])).toEqual([
      ['3', '100'],
    ]);
    expect(h.venue.submitted[0]!.timeInForce).toBe('ioc');

    book = { px: decimal('100.5'), qty: decimal('2') };
    await h.quote('99', '5', '100.5', '4');
    await h.quote('99', '5', '102', '50');
    book = { px: decimal('101'), qty: decimal('50') };
    await h.quote('99', '5', '101', '50');

    expect(h.venue.submitted.map((r) => [r.quantity.toFixed(), r.limitPrice?.toFixed()])).toEqual([
      ['3', '100'],
      ['4', '100.5'],
      ['5', '101'],
    ]);
    expect(h.venue.liveAtSubmit.every((n) => n === 0)).toBe(true);
    expect(h.isComplete(order)).toBe(true);
    const done = h.latest();
    expect(done.status).toBe('filled');
    expect(done.cumQty.toFixed()).toBe('10');
    expect(done.avgPx?.eq(decimal('300').plus('201').plus('505').div(10))).toBe(true);
    expect(h.events[h.events.length - 1]!.event).toMatchObject({ kind: 'done', status: 'filled' });
    expect(h.kinds()).not.toContain('error');
  });

  it('waits for a fresh quote after an IOC comes back empty rather than resending at once', async () => {
    const h = harness();
    matchIocs(h.venue, () => ({ px: decimal('100'), qty: decimal('0') }));
    await h.place({ quantity: '1', algo: 'take' });
    await h.quote('99', '1', '100', '1');
    await h.quote('99', '1', '100', '1');
    expect(h.venue.submitted).toHaveLength(2);
  });

  it('for any quotes and partial fills: one child in flight, none through the limit, no overfill', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            ask: fc.integer({ min: 98, max: 103 }),
            size: fc.integer({ min: 1, max: 6 }),
            fillable: fc.integer({ min: 0, max: 6 }),
          }),
          { minLength: 1, maxLength: 15 },
        ),
        async (ticks) => {
          const h = harness();
          let book = { px: decimal('0'), qty: decimal('0') };
          matchIocs(h.venue, () => book);
          const order = await h.place({ quantity: '12', limitPrice: '101', algo: 'take' });
          for (const tick of ticks) {
            book = { px: decimal(String(tick.ask)), qty: decimal(String(tick.fillable)) };
            await h.quote('97', '1', String(tick.ask), String(tick.size));
          }
          for (const request of h.venue.submitted) {
            expect(request.limitPrice!.lte('101')).toBe(true);
          }
          expect(h.venue.liveAtSubmit.every((n) => n === 0)).toBe(true);
          for (const child of h.venue.children.values()) {
            expect(child.cumQty.lte(child.request.quantity)).toBe(true);
          }
          const snapshot = h.latest();
          expect(snapshot.cumQty.lte('12')).toBe(true);
          expect(h.isComplete(order)).toBe(snapshot.cumQty.eq('12'));
          expect(h.engineErrors).toEqual([]);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('a cancel mid-execution completes only once the venue confirms the child', async () => {
    const h = harness();
    const order = await h.place({ quantity: '10', algo: 'take' });
    await h.quote('99', '5', '100', '4');
    const child = h.venue.last().request.clOrdId;
    await h.cancel(order);
    expect(h.venue.cancels).toEqual([]);
    expect(h.latest().status).toBe('pending_cancel');

    h.venue.ack(child);
    await h.quote('99', '5', '100', '4');
    expect(h.venue.cancels).toEqual([child]);
    expect(h.venue.submitted).toHaveLength(1);
    h.venue.fill(child, '1', '100');
    await h.quote('99', '5', '100', '4');
    expect(h.isComplete(order)).toBe(false);

    h.venue.canceled(child);
    await h.quote('99', '5', '100', '4');
    expect(h.isComplete(order)).toBe(true);
    expect(h.latest()).toMatchObject({ status: 'canceled', cumQty: decimal('1') });
    expect(h.kinds().slice(-4)).toEqual(['child_cancel_sent', 'fill', 'child_canceled', 'done']);
  });

  it('a cancel with no child working completes at once', async () => {
    const h = harness();
    const order = await h.place({ quantity: '10', algo: 'take' });
    await h.cancel(order);
    expect(h.isComplete(order)).toBe(true);
    expect(h.kinds()).toEqual(['accepted', 'cancel_requested', 'done']);
    expect(h.latest().status).toBe('canceled');
  });

  it('a replace mid-execution changes the target; one below what filled ends the order filled', async () => {
    const h = harness();
    let book = { px: decimal('100'), qty: decimal('3') };
    matchIocs(h.venue, () => book);
    const order = await h.place({ quantity: '10', algo: 'take' });
    await h.quote('99', '5', '100', '5');
    await h.replace(order, '5');
    book = { px: decimal('100'), qty: decimal('50') };
    await h.quote('99', '5', '100', '50');
    expect(h.venue.submitted.map((r) => r.quantity.toFixed())).toEqual(['5', '2']);
    expect(h.latest()).toMatchObject({ status: 'filled', cumQty: decimal('5') });

    const h2 = harness();
    matchIocs(h2.venue, () => ({ px: decimal('100'), qty: decimal('3') }));
    const order2 = await h2.place({ quantity: '10', algo: 'take' });
    await h2.quote('99', '5', '100', '5');
    await h2.replace(order2, '2');
    expect(h2.isComplete(order2)).toBe(true);
    expect(h2.latest()).toMatchObject({
      status: 'filled',
      quantity: decimal('3'),
      cumQty: decimal('3'),
    });
  });

  it('a replace that lowers the limit under a working child cancels it', async () => {
    const h = harness();
    const order = await h.place({ quantity: '10', limitPrice: '101', algo: 'take' });
    await h.quote('99', '5', '100.5', '5');
    const child = h.venue.last().request.clOrdId;
    h.venue.ack(child);
    await h.replace(order, '10', '100');
    expect(h.venue.cancels).toEqual([child]);
  });

  it('a child the venue rejects ends the order rejected with the reason', async () => {
    const h = harness();
    h.venue.onSubmit = (request) => h.venue.rejected(request.clOrdId, 'unknown symbol');
    const order = await h.place({ quantity: '10', algo: 'take' });
    await h.quote('99', '5', '100', '5');
    expect(h.isComplete(order)).toBe(true);
    expect(h.kinds().slice(-3)).toEqual(['child_rejected', 'rejected', 'done']);
    expect(h.latest()).toMatchObject({ status: 'rejected' });
    expect(h.latest().text).toContain('unknown symbol');
  });

  it('a surprising report is an error event, and the order carries on', async () => {
    const h = harness();
    matchIocs(h.venue, () => ({ px: decimal('100'), qty: decimal('10') }));
    const order = await h.place({ quantity: '10', algo: 'take' });
    h.dispatcher.report({
      orderId: order.orderId,
      clOrdId: `${order.orderId}-77`,
      execType: 'trade',
      status: 'filled',
      transactTime: 0,
    });
    await h.quote('99', '5', '100', '10');
    expect(h.kinds()).toContain('error');
    expect(h.latest().status).toBe('filled');
    expect(h.engineErrors).toEqual([]);
  });
});
