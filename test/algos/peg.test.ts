import { describe, expect, it } from 'vitest';
import { decimal } from '../../src/market/decimal.js';
import { harness } from './harness.js';

function terms(request: { quantity?: { toFixed(): string }; limitPrice?: { toFixed(): string } }) {
  return [request.quantity?.toFixed(), request.limitPrice?.toFixed()];
}

describe('peg', () => {
  it('rests one child at the near side and follows it, capped by the limit, until filled', async () => {
    const h = harness();
    const order = await h.place({ quantity: '10', limitPrice: '100.2', algo: 'peg' });
    await h.quote('99', '5', '99.5', '5');
    expect(h.venue.submitted.map(terms)).toEqual([['10', '99']]);
    expect(h.venue.last().request.timeInForce).toBe('gtc');
    const child = h.venue.last().request.clOrdId;
    h.venue.ack(child);

    await h.quote('99.5', '5', '100', '5');
    expect(h.venue.replaces.map(terms)).toEqual([[undefined, '99.5']]);
    await h.quote('99.6', '5', '100', '5');
    expect(h.venue.replaces).toHaveLength(1);
    h.venue.replaced(child);
    await h.quote('99.6', '5', '100', '5');
    expect(h.venue.replaces.map(terms)).toEqual([
      [undefined, '99.5'],
      [undefined, '99.6'],
    ]);
    h.venue.replaced(child);
    await h.quote('101', '5', '101.5', '5');
    expect(h.venue.replaces.map(terms).at(-1)).toEqual([undefined, '100.2']);
    h.venue.replaced(child);

    h.venue.fill(child, '4', '100.2');
    await h.quote('101', '5', '101.5', '5');
    expect(h.venue.replaces).toHaveLength(3);
    h.venue.fill(child, '6', '100.2');
    await h.quote('101', '5', '101.5', '5');

    expect(h.venue.submitted).toHaveLength(1);
    expect(h.venue.liveAtSubmit).toEqual([0]);
    expect(h.isComplete(order)).toBe(true);
    expect(h.latest()).toMatchObject({
      status: 'filled',
      cumQty: decimal('10'),
      avgPx: decimal('100.2'),
    });
    expect(h.kinds()).not.toContain('error');
  });

  it('a child whose cancels the venue keeps refusing is never given up: asked again after a growing wait, its late fill counts, then the order completes', async () => {
    const h = harness();
    const refuse = (clOrdId: string) => h.venue.cancelRejected(clOrdId, 'A replace is pending');
    h.venue.onCancel = refuse;
    const order = await h.place({ quantity: '1', limitPrice: '105', algo: 'peg' });
    await h.quote('100', '5', '101', '5');
    const { clOrdId } = h.venue.last().request;
    h.venue.ack(clOrdId);
    await h.cancel(order);
    // Three refusals back to back, then one more after 1 s, 2 s and 4 s: the order stays working.
    expect(h.venue.cancels).toHaveLength(3);
    await h.advance(999);
    expect(h.venue.cancels).toHaveLength(3);
    await h.advance(1);
    expect(h.venue.cancels).toHaveLength(4);
    await h.advance(2_000);
    expect(h.venue.cancels).toHaveLength(5);
    await h.advance(3_999);
    expect(h.venue.cancels).toHaveLength(5);
    await h.advance(1);
    expect(h.venue.cancels).toHaveLength(6);
    expect(h.latest().status).not.toBe('canceled');
    expect(h.kinds().filter((k) => k === 'error')).toHaveLength(1);
    // The venue was working on the child all along: its fill reaches the parent.
    h.venue.fill(clOrdId, '1', '100');
    await h.advance(0);
    expect([h.latest().status, h.latest().cumQty.toFixed()]).toEqual(['filled', '1']);
  });

  it('re-pegs with a new child when the venue ends the working one', async () => {
    const h = harness();
    await h.place({ quantity: '10', algo: 'peg', side: 'sell' });
    await h.quote('99', '5', '99.5', '5');
    const first = h.venue.last().request.clOrdId;
    h.venue.ack(first);
    h.venue.fill(first, '3', '99.5');
    h.venue.expired(first);
    await h.quote('99', '5', '99.4', '5');
    expect(h.venue.submitted.map(terms)).toEqual([
      ['10', '99.5'],
      ['7', '99.5'],
    ]);
    h.venue.ack(h.venue.last().request.clOrdId);
    await h.quote('99', '5', '99.4', '5');
    expect(h.venue.replaces.map(terms)).toEqual([[undefined, '99.4']]);
    expect(h.venue.liveAtSubmit).toEqual([0, 0]);
  });

  it('a replace of the order resizes the working child to what is left', async () => {
    const h = harness();
    const order = await h.place({ quantity: '10', algo: 'peg' });
    await h.quote('99', '5', '99.5', '5');
    const child = h.venue.last().request.clOrdId;
    h.venue.ack(child);
    h.venue.fill(child, '2', '99');
    await h.replace(order, '6');
    expect(h.venue.replaces.map(terms)).toEqual([['6', undefined]]);
    h.venue.replaced(child);
    h.venue.fill(child, '4', '99');
    await h.quote('99', '5', '99.5', '5');
    expect(h.isComplete(order)).toBe(true);
    expect(h.latest()).toMatchObject({ status: 'filled', cumQty: decimal('6') });
  });

  it('a child whose replace the venue refused is cancelled and sent afresh', async () => {
    const h = harness();
    await h.place({ quantity: '10', algo: 'peg' });
    await h.quote('99', '5', '99.5', '5');
    const first = h.venue.last().request.clOrdId;
    h.venue.ack(first);
    await h.quote('99.1', '5', '99.5', '5');
    h.venue.replaceRejected(first, 'cannot amend');
    await h.quote('99.1', '5', '99.5', '5');
    expect(h.venue.cancels).toEqual([first]);
    expect(h.venue.submitted).toHaveLength(1);
    h.venue.canceled(first);
    await h.quote('99.1', '5', '99.5', '5');
    expect(h.venue.submitted.map(terms)).toEqual([
      ['10', '99'],
      ['10', '99.1'],
    ]);
    expect(h.venue.liveAtSubmit).toEqual([0, 0]);
  });

  it('a parent replace the venue refuses for the child leaves the order working, the refusal reported', async () => {
    const h = harness();
    const order = await h.place({ quantity: '10', algo: 'peg' });
    await h.quote('99', '5', '99.5', '5');
    const first = h.venue.last().request.clOrdId;
    h.venue.ack(first);
    await h.replace(order, '12');
    expect(h.venue.replaces.map(terms)).toEqual([['12', undefined]]);
    h.venue.replaceRejected(first, 'quantity 12 is not allowed');
    await h.quote('99', '5', '99.5', '5');

    const refusal = h.events.find(({ event }) => event.kind === 'child_rejected');
    expect(refusal?.event).toMatchObject({ reason: 'replace refused: quantity 12 is not allowed' });
    expect(h.isComplete(order)).toBe(false);
    expect(h.latest()).toMatchObject({ status: 'new', quantity: decimal('12') });
    h.venue.canceled(first);
    await h.quote('99', '5', '99.5', '5');
    expect(h.venue.submitted.map(terms)).toEqual([
      ['10', '99'],
      ['12', '99'],
    ]);
  });

  it('a cancel waits for a pending replace to be answered, then for the venue to confirm', async () => {
    const h = harness();
    const order = await h.place({ quantity: '10', algo: 'peg' });
    await h.quote('99', '5', '99.5', '5');
    const child = h.venue.last().request.clOrdId;
    h.venue.ack(child);
    await h.quote('99.2', '5', '99.5', '5');
    await h.cancel(order);
    expect(h.venue.cancels).toEqual([]);
    h.venue.replaced(child);
    await h.quote('99.3', '5', '99.5', '5');
    expect(h.venue.cancels).toEqual([child]);
    expect(h.venue.replaces).toHaveLength(1);
    expect(h.isComplete(order)).toBe(false);
    h.venue.canceled(child);
    await h.quote('99.3', '5', '99.5', '5');
    expect(h.isComplete(order)).toBe(true);
    expect(h.latest().status).toBe('canceled');
  });

  it('after three refused cancels it says so once and keeps the order open until the venue ends the child', async () => {
    const h = harness();
    h.venue.onCancel = (clOrdId) => h.venue.cancelRejected(clOrdId, 'unknown order');
    const order = await h.place({ quantity: '10', algo: 'peg' });
    await h.quote('99', '5', '99.5', '5');
    const { clOrdId } = h.venue.last().request;
    h.venue.ack(clOrdId);
    await h.cancel(order);
    expect(h.venue.cancels).toHaveLength(3);
    expect(h.isComplete(order)).toBe(false);
    expect(h.events.filter((e) => e.event.kind === 'error')).toHaveLength(1);
    h.venue.canceled(clOrdId);
    await h.advance(0);
    expect(h.isComplete(order)).toBe(true);
    expect(h.latest().status).toBe('canceled');
  });
});
