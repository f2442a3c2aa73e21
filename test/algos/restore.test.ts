import { afterEach, describe, expect, it } from 'vitest';
import { END_QUOTE_WAIT_MS } from '../../src/algos/twap.js';
import { decimal } from '../../src/market/decimal.js';
import type { FakeVenue } from './fake-venue.js';
import { closeJournals, crashTest, ORDER_ID, START_MS } from './restart.js';

afterEach(closeJournals);

/** Makes the venue fill every child at once, in full, at its limit. */
function fillAll(venue: FakeVenue): void {
  venue.onSubmit = (request) => {
    venue.ack(request.clOrdId);
    venue.fill(request.clOrdId, request.quantity.toFixed(), request.limitPrice!.toFixed());
  };
}

function terms(request: { quantity?: { toFixed(): string }; limitPrice?: { toFixed(): string } }) {
  return [request.quantity?.toFixed(), request.limitPrice?.toFixed()];
}

/** Virtual times relative to the first life's start. */
function since(sent: Array<[number, string]>): Array<[number, string]> {
  return sent.map(([time, qty]) => [time - START_MS, qty]);
}

describe('any algorithm after a restart', () => {
  it('ends the order when a child was rejected by the venue before the crash, as it would have live', async () => {
    const life = crashTest({ quantity: '10', limitPrice: '101', algo: 'take' });
    const first = life.send('4', '100', 'ioc');
    life.rejected(first, 'price outside the band');

    const h = await life.restart();
    await h.quote('99', '5', '100.5', '5');
    expect(h.venue.submitted).toEqual([]);
    expect(h.dispatcher.order(ORDER_ID)).toBeUndefined();
    expect(h.latest()).toMatchObject({ status: 'rejected' });
    expect(h.latest().text).toBe(`child ${first} rejected: price outside the band`);
  });
});

describe('take after a restart', () => {
  it('re-plans from its leaves: min(far size, leaves) within the limit on fresh quotes, never the whole order', async () => {
    const life = crashTest({ quantity: '10', limitPrice: '101', algo: 'take' });
    const first = life.send('4', '100', 'ioc');
    life.ack(first);
    life.fill(first, '3', '100');
    life.canceled(first);
    life.clock.advance(500);

    const h = await life.restart();
    expect(h.kinds()).toEqual(['restored']);
    expect(h.latest()).toMatchObject({ status: 'partially_filled', leavesQty: decimal('7') });
    await h.quote('99', '5', '101.5', '50');
    expect(h.venue.submitted).toEqual([]);

    await h.quote('99', '5', '100.5', '5');
    expect(h.venue.submitted.map(terms)).toEqual([['5', '100.5']]);
    const second = h.venue.last().request;
    expect(second.clOrdId).toBe(`${ORDER_ID}-2`);
    expect(second.timeInForce).toBe('ioc');
    h.venue.ack(second.clOrdId);
    h.venue.fill(second.clOrdId, '5', '100.5');
    await h.quote('99', '5', '101', '50');
    expect(h.venue.submitted.map(terms)).toEqual([
      ['5', '100.5'],
      ['2', '101'],
    ]);
    h.venue.ack(h.venue.last().request.clOrdId);
    h.venue.fill(h.venue.last().request.clOrdId, '2', '101');
    await h.advance(0);

    expect(h.dispatcher.order(ORDER_ID)).toBeUndefined();
    expect(h.latest()).toMatchObject({ status: 'filled', cumQty: decimal('10') });
    expect(h.kinds()).not.toContain('error');
  });

  it('with its child still working at the venue (its ack lost), sends nothing until that child ends', async () => {
    const life = crashTest({ quantity: '10', limitPrice: '101', algo: 'take' });
    const first = life.send('4', '100', 'ioc');
    life.clock.advance(10);

    const h = await life.restart([{ clOrdId: first }]);
    expect(h.outcome.childrenAdopted).toBe(1);
    await h.quote('99', '5', '100', '50');
    await h.quote('99', '5', '99.5', '50');
    expect(h.venue.submitted).toEqual([]);

    h.venue.fill(first, '4', '100');
    await h.advance(0);
    // The latest quote came after the child was sent: the leaves go out on it, as they would have
    // had exo never stopped.
    expect(h.venue.submitted.map(terms)).toEqual([['6', '99.5']]);
    expect(h.venue.liveAtSubmit).toEqual([0]);
  });
});

describe('peg after a restart', () => {
  it('keeps its one working child, and replaces it when the near price moves', async () => {
    const life = crashTest({ quantity: '10', limitPrice: '100.2', algo: 'peg' });
    const child = life.send('10', '99', 'gtc');
    life.ack(child);
    life.fill(child, '2', '99');
    life.clock.advance(10);

    const h = await life.restart([{ clOrdId: child, status: 'partially_filled', cumQty: '2' }]);
    expect(h.outcome.childrenAdopted).toBe(1);
    await h.quote('99', '5', '99.5', '5');
    expect(h.venue.submitted).toEqual([]);
    expect(h.venue.replaces).toEqual([]);

    await h.quote('99.3', '5', '99.5', '5');
    expect(h.venue.replaces).toEqual([
      // With the fills exo restored: what a venue placing a new order for the rest counts from.
      { clOrdId: child, limitPrice: decimal('99.3'), time: life.clock.now(), cumQty: decimal('2') },
    ]);
    h.venue.replaced(child);
    h.venue.fill(child, '8', '99.3');
    await h.advance(0);

    expect(h.venue.submitted).toEqual([]);
    expect(h.dispatcher.order(ORDER_ID)).toBeUndefined();
    expect(h.latest()).toMatchObject({ status: 'filled', cumQty: decimal('10') });
  });

  it('with no child working, sends one for the leaves, and no second while it is in flight', async () => {
    const life = crashTest({ quantity: '10', algo: 'peg', side: 'sell' });
    const child = life.send('10', '99.5', 'gtc');
    life.ack(child);
    life.fill(child, '3', '99.5');
    life.canceled(child);

    const h = await life.restart();
    await h.quote('99', '5', '99.4', '5');
    expect(h.venue.submitted.map(terms)).toEqual([['7', '99.4']]);
    expect(h.venue.last().request.timeInForce).toBe('gtc');
    await h.quote('99', '5', '99.3', '5');
    expect(h.venue.submitted).toHaveLength(1);
    expect(h.venue.replaces).toEqual([]);
  });
});

/** Ten slices, one a second. */
const TWAP = { durationMs: 10_000, slices: 10 };

/**
 * A twap's first life played as the algorithm would have, for a 10 buy: slice k falls due at
 * START_MS + 1000·k (its checkpoint saved), and its IOC fills `filled[k]` at 100.
 */
function twapFirstLife(filled: readonly string[]) {
  const life = crashTest({ quantity: '10', limitPrice: '101', algo: 'twap', params: TWAP });
  filled.forEach((qty, k) => {
    life.clock.advance(START_MS + 1000 * k - life.clock.now());
    life.parent.checkpoint({ startMs: START_MS, due: k + 1 });
    const wanted = decimal(String(k + 1)).minus(life.parent.state.cumQty);
    const child = life.send(wanted.toFixed(), '100', 'ioc');
    life.ack(child);
    if (decimal(qty).gt(0)) life.fill(child, qty, '100');
    if (decimal(qty).lt(wanted)) life.canceled(child);
  });
  return life;
}

describe('twap after a restart', () => {
  it('resumes the saved schedule: the slices missed meanwhile roll into one, the next fall due on time', async () => {
    const life = twapFirstLife(['1', '1']);
    life.clock.advance(START_MS + 3500 - life.clock.now());

    const h = await life.restart();
    fillAll(h.venue);
    await h.quote('99', '5', '100', '5');
    expect(since(h.sentAt())).toEqual([[3500, '2']]);
    await h.advance(499);
    expect(h.venue.submitted).toHaveLength(1);
    await h.advance(1);
    for (let k = 0; k < 5; k++) await h.advance(1000);

    expect(since(h.sentAt())).toEqual([
      [3500, '2'],
      [4000, '1'],
      [5000, '1'],
      [6000, '1'],
      [7000, '1'],
      [8000, '1'],
      [9000, '1'],
    ]);
    expect(h.dispatcher.order(ORDER_ID)).toBeUndefined();
    expect(h.latest()).toMatchObject({ status: 'filled', cumQty: decimal('10') });
    expect(h.clock.pending).toBe(0);
  });

  it('does not send a slice again that went out before the crash: what it missed rolls into the next', async () => {
    const life = twapFirstLife(['1', '0.5']);
    life.clock.advance(START_MS + 1500 - life.clock.now());

    const h = await life.restart();
    fillAll(h.venue);
    await h.quote('99', '5', '100', '5');
    await h.advance(499);
    expect(h.sentAt()).toEqual([]);
    await h.advance(1);
    expect(since(h.sentAt())).toEqual([[2000, '1.5']]);
  });

  it('sends at once a slice that fell due before the crash but had not gone out', async () => {
    const life = twapFirstLife(['1']);
    life.clock.advance(START_MS + 1000 - life.clock.now());
    life.parent.checkpoint({ startMs: START_MS, due: 2 });
    life.clock.advance(START_MS + 1500 - life.clock.now());

    const h = await life.restart();
    fillAll(h.venue);
    await h.quote('99', '5', '100', '5');
    await h.advance(500);
    expect(since(h.sentAt())).toEqual([
      [1500, '1'],
      [2000, '1'],
    ]);
  });

  it('without a checkpoint, keeps the schedule from the order’s creation', async () => {
    const life = crashTest({ quantity: '10', limitPrice: '101', algo: 'twap', params: TWAP });
    life.clock.advance(START_MS + 2500 - life.clock.now());

    const h = await life.restart();
    fillAll(h.venue);
    await h.quote('99', '5', '100', '5');
    await h.advance(500);
    expect(since(h.sentAt())).toEqual([
      [2500, '3'],
      [3000, '1'],
    ]);
  });

  it('restored after its duration ended, sends its last IOC for the remainder on the first quote, capped by the limit', async () => {
    const life = twapFirstLife(['1', '1']);
    life.clock.advance(START_MS + 12_000 - life.clock.now());

    const h = await life.restart();
    fillAll(h.venue);
    await h.advance(END_QUOTE_WAIT_MS - 1);
    expect(h.venue.submitted).toEqual([]);
    await h.quote('99', '5', '101.5', '50');
    expect(since(h.sentAt())).toEqual([[12_000 + END_QUOTE_WAIT_MS - 1, '8']]);
    expect(h.venue.last().request.limitPrice?.toFixed()).toBe('101');
    expect(h.dispatcher.order(ORDER_ID)).toBeUndefined();
    expect(h.latest()).toMatchObject({ status: 'filled', cumQty: decimal('10') });
    expect(h.clock.pending).toBe(0);
  });
});

describe('instructions handled before the crash', () => {
  it('an accepted cancel is not replayed: the child is cancelled again, and the order ends once the venue confirms', async () => {
    const life = crashTest({ quantity: '10', algo: 'peg' });
    const child = life.send('10', '99', 'gtc');
    life.ack(child);
    life.parent.cancel();
    life.parent.cancelChild(child);
    life.clock.advance(10);

    // The cancel never reached the venue: reconciliation finds the child still working there.
    const h = await life.restart([{ clOrdId: child }]);
    expect(h.kinds()).toEqual(['restored', 'child_cancel_sent']);
    expect(h.venue.cancels).toEqual([child]);
    expect(h.latest().status).toBe('pending_cancel');

    await h.quote('99.5', '5', '100', '5');
    // The cancel accepted before the crash still stands: a second one is refused, as it was then.
    expect(() => h.dispatcher.submit({ ...life.order, msgType: 'cancel' })).toThrow(
      /is being cancelled/,
    );
    await h.advance(0);
    expect(h.venue.submitted).toEqual([]);
    expect(h.venue.replaces).toEqual([]);
    expect(h.venue.cancels).toEqual([child]);
    expect(h.kinds()).not.toContain('cancel_requested');

    h.venue.canceled(child);
    await h.advance(0);
    expect(h.dispatcher.order(ORDER_ID)).toBeUndefined();
    expect(h.kinds()).toEqual(['restored', 'child_cancel_sent', 'child_canceled', 'done']);
    expect(h.latest().status).toBe('canceled');
  });

  it('an accepted cancel the venue carried out while exo was down ends the order at once', async () => {
    const life = crashTest({ quantity: '10', algo: 'peg' });
    const child = life.send('10', '99', 'gtc');
    life.ack(child);
    life.fill(child, '4', '99');
    life.parent.cancel();
    life.parent.cancelChild(child);

    const h = await life.restart([{ clOrdId: child, status: 'canceled', cumQty: '4' }]);
    expect(h.outcome.childrenSettled).toBe(1);
    expect(h.kinds()).toEqual(['restored', 'done']);
    expect(h.latest()).toMatchObject({ status: 'canceled', cumQty: decimal('4') });
    expect(h.venue.cancels).toEqual([]);
    expect(h.dispatcher.order(ORDER_ID)).toBeUndefined();
  });
});
