import { describe, expect, it } from 'vitest';
import { END_QUOTE_WAIT_MS } from '../../src/algos/twap.js';
import { type Decimal, decimal } from '../../src/market/decimal.js';
import type { FakeVenue } from './fake-venue.js';
import { harness } from './harness.js';

/** Makes the venue answer IOCs at once: fill up to `fillable()` at the order's price, cancel the rest. */
function fillUpTo(venue: FakeVenue, fillable: () => Decimal): void {
  venue.onSubmit = (request) => {
    venue.ack(request.clOrdId);
    const available = fillable();
    const qty = available.lt(request.quantity) ? available : request.quantity;
    if (qty.gt(0)) venue.fill(request.clOrdId, qty.toFixed(), request.limitPrice!.toFixed());
    if (qty.lt(request.quantity)) venue.canceled(request.clOrdId);
  };
}

/**
 * A buy twap of 4, limit 101, in two slices over 2 s, on a venue filling IOCs up to `fillable()`;
 * its first quote's ask (102) is through the limit, so its first child is capped at 101.
 */
async function twapOfFour(fillable: () => Decimal) {
  const h = harness();
  fillUpTo(h.venue, fillable);
  const order = await h.place({
    quantity: '4',
    limitPrice: '101',
    algo: 'twap',
    params: { durationMs: 2000, slices: 2 },
  });
  await h.quote('99', '5', '102', '5');
  return { h, order };
}

describe('twap', () => {
  it('fires its slices at the right virtual times and rolls what a slice misses into the next', async () => {
    const h = harness();
    let fillable = decimal('100');
    fillUpTo(h.venue, () => fillable);
    const order = await h.place({
      quantity: '10',
      limitPrice: '101',
      algo: 'twap',
      params: { durationMs: 10_000, slices: 10 },
    });
    await h.quote('99', '5', '100', '5');
    await h.advance(999);
    expect(h.sentAt()).toEqual([[0, '1']]);
    await h.advance(1);
    fillable = decimal('0.5');
    await h.advance(1000);
    fillable = decimal('100');
    for (let i = 0; i < 7; i++) await h.advance(1000);

    expect(h.sentAt()).toEqual([
      [0, '1'],
      [1000, '1'],
      [2000, '1'],
      [3000, '1.5'],
      [4000, '1'],
      [5000, '1'],
      [6000, '1'],
      [7000, '1'],
      [8000, '1'],
      [9000, '1'],
    ]);
    expect(h.venue.submitted.every((r) => r.timeInForce === 'ioc')).toBe(true);
    expect(h.isComplete(order)).toBe(true);
    expect(h.latest()).toMatchObject({ status: 'filled', cumQty: decimal('10') });
    expect(h.clock.pending).toBe(0);
  });

  it('caps each slice at the limit; at the end sends one last IOC, then expires with the remainder', async () => {
    const { h, order } = await twapOfFour(() => decimal('0'));
    expect(h.venue.last().request.limitPrice?.toFixed()).toBe('101');
    await h.advance(1000);
    expect(h.isComplete(order)).toBe(false);
    await h.advance(1000);
    expect(h.sentAt()).toEqual([
      [0, '2'],
      [1000, '4'],
      [2000, '4'],
    ]);
    expect(h.venue.last().request).toMatchObject({ timeInForce: 'ioc' });
    expect(h.venue.last().request.limitPrice?.toFixed()).toBe('101');
    expect(h.isComplete(order)).toBe(true);
    expect(h.latest()).toMatchObject({
      status: 'expired',
      cumQty: decimal('0'),
      text: 'twap ended after 2000 ms: 4 of 4 unfilled',
    });
    expect(h.clock.pending).toBe(0);
  });

  it.each([
    ['3', 'expired'],
    ['4', 'filled'],
  ])(
    'at the end, the last IOC takes what it can within the limit (%s), and the order ends %s',
    async (atEnd, status) => {
      let fillable = decimal('0');
      const { h, order } = await twapOfFour(() => fillable);
      await h.advance(1000);
      fillable = decimal(atEnd);
      await h.quote('99', '5', '100.5', '5');
      expect(h.venue.submitted).toHaveLength(2);
      await h.advance(1000);
      expect(h.sentAt().at(-1)).toEqual([2000, '4']);
      expect(h.venue.last().request.limitPrice?.toFixed()).toBe('100.5');
      expect(h.isComplete(order)).toBe(true);
      expect(h.latest()).toMatchObject({ status, cumQty: decimal(atEnd) });
    },
  );

  it('with no quote known at the end, waits for one a while, then expires', async () => {
    const h = harness();
    const order = await h.place({
      quantity: '4',
      algo: 'twap',
      params: { durationMs: 2000, slices: 2 },
    });
    for (let i = 0; i < 2; i++) await h.advance(1000);
    await h.advance(END_QUOTE_WAIT_MS - 1);
    expect(h.isComplete(order)).toBe(false);
    await h.advance(1);
    expect(h.venue.submitted).toEqual([]);
    expect(h.isComplete(order)).toBe(true);
    expect(h.latest()).toMatchObject({
      status: 'expired',
      text: 'twap ended after 2000 ms: 4 of 4 unfilled',
    });
    expect(h.clock.pending).toBe(0);
  });

  it('sends at most one child per slice and one at the end, however many quotes arrive', async () => {
    const h = harness();
    fillUpTo(h.venue, () => decimal('0'));
    const order = await h.place({
      quantity: '10',
      algo: 'twap',
      params: { durationMs: 1500, slices: 5 },
    });
    for (let ms = 0; ms < 3000 && !h.isComplete(order); ms += 10) {
      await h.quote('99', '5', '100', '5');
      await h.advance(10);
    }
    expect(h.isComplete(order)).toBe(true);
    expect(h.latest().status).toBe('expired');
    expect(h.venue.submitted).toHaveLength(5 + 1);
    expect(h.sentAt().at(-1)?.[0]).toBe(1500);
  });

  it('a slice due while a child is in flight goes out when that child ends', async () => {
    const h = harness();
    await h.place({ quantity: '10', algo: 'twap', params: { durationMs: 10_000, slices: 10 } });
    await h.quote('99', '5', '100', '5');
    const first = h.venue.last().request.clOrdId;
    await h.advance(2000);
    expect(h.venue.submitted).toHaveLength(1);
    h.venue.ack(first);
    h.venue.fill(first, '1', '100');
    await h.advance(0);
    expect(h.sentAt()).toEqual([
      [0, '1'],
      [2000, '2'],
    ]);
  });

  it('cuts slices to whole lots when the symbol’s lot size is known', async () => {
    const h = harness({ instruments: () => ({ lotSize: decimal('0.01') }) });
    fillUpTo(h.venue, () => decimal('100'));
    await h.place({ quantity: '1', algo: 'twap', params: { durationMs: 3000, slices: 3 } });
    await h.quote('99', '5', '100', '5');
    await h.advance(1000);
    await h.advance(1000);
    expect(h.sentAt().map(([, qty]) => qty)).toEqual(['0.33', '0.33', '0.34']);
  });

  it('a replace mid-execution changes the target of the next slices', async () => {
    const h = harness();
    fillUpTo(h.venue, () => decimal('100'));
    const order = await h.place({
      quantity: '10',
      algo: 'twap',
      params: { durationMs: 10_000, slices: 10 },
    });
    await h.quote('99', '5', '100', '5');
    await h.advance(1000);
    await h.replace(order, '20');
    await h.advance(1000);
    expect(h.sentAt().map(([, qty]) => qty)).toEqual(['1', '1', '4']);
    expect(h.latest().leavesQty.toFixed()).toBe('14');
  });

  it('a cancel between slices completes at once and stops the wake-ups', async () => {
    const h = harness();
    fillUpTo(h.venue, () => decimal('100'));
    const order = await h.place({ quantity: '10', algo: 'twap' });
    await h.quote('99', '5', '100', '5');
    await h.cancel(order);
    expect(h.isComplete(order)).toBe(true);
    expect(h.latest()).toMatchObject({ status: 'canceled', cumQty: decimal('1') });
    expect(h.clock.pending).toBe(0);
  });
});
