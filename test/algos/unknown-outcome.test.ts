import { describe, expect, it } from 'vitest';
import { harness } from './harness.js';

const UNKNOWN = '-1007: timeout waiting for response from backend server';

describe('a child request of unknown outcome', () => {
  it('is shown unknown, never sent again, and resolved by the venue’s answer to a status query', async () => {
    const h = harness();
    h.venue.onSubmit = (request) => h.venue.unknown(request.clOrdId, 'pending_new', UNKNOWN);
    const order = await h.place({ quantity: '1', limitPrice: '100', algo: 'peg' });
    await h.quote('99', '5', '101', '5');
    const clOrdId = `${order.orderId}-1`;
    expect(h.latest().children[0]).toMatchObject({ clOrdId, pending: 'new', unknown: true });
    expect(h.kinds()).toContain('child_unknown');
    // The venue had taken it: it says so when asked, soon after.
    h.venue.child(clOrdId).status = 'new';
    await h.advance(999);
    expect(h.latest().children[0]?.unknown).toBe(true);
    await h.advance(1);
    expect(h.latest().children[0]).toMatchObject({ clOrdId, status: 'new' });
    expect(h.latest().children[0]?.unknown).toBeUndefined();
    expect(h.venue.submitted).toHaveLength(1);
  });

  it('is resolved by a later report from the venue', async () => {
    const h = harness();
    h.venue.onSubmit = (request) => h.venue.unknown(request.clOrdId, 'pending_new', UNKNOWN);
    const order = await h.place({ quantity: '1', limitPrice: '100', algo: 'peg' });
    await h.quote('99', '5', '101', '5');
    h.venue.ack(`${order.orderId}-1`);
    await h.advance(0);
    expect(h.latest().children[0]).toMatchObject({ status: 'new' });
    expect(h.latest().children[0]?.unknown).toBeUndefined();
    expect(h.venue.submitted).toHaveLength(1);
  });

  it('stays unknown while the venue cannot be asked: never resolved blindly, never resent', async () => {
    const h = harness();
    h.venue.onSubmit = (request) => h.venue.unknown(request.clOrdId, 'pending_new', UNKNOWN);
    const asked: number[] = [];
    h.venue.orderStatus = async () => {
      asked.push(h.clock.now());
      throw new Error('venue unreachable');
    };
    await h.place({ quantity: '1', limitPrice: '100', algo: 'peg' });
    await h.quote('99', '5', '101', '5');
    for (let i = 0; i < 12; i++) await h.advance(5_000);
    expect(asked.length).toBeGreaterThan(5);
    expect(h.latest().children).toHaveLength(1);
    expect(h.latest().children[0]).toMatchObject({ status: 'pending_new', unknown: true });
    expect(h.venue.submitted).toHaveLength(1);
  });

  it('the venue never had: rejected only after it says so a few times, then sent anew under a new ID', async () => {
    const h = harness();
    h.venue.onSubmit = (request) => {
      h.venue.unknown(request.clOrdId, 'pending_new', UNKNOWN);
      h.venue.children.delete(request.clOrdId); // the request never reached the book
      h.venue.onSubmit = undefined;
    };
    const order = await h.place({ quantity: '1', limitPrice: '100', algo: 'peg' });
    await h.quote('99', '5', '101', '5');
    // Asked a second apart: twice the venue does not know it (yet).
    for (let ms = 0; ms < 2_900; ms += 100) await h.advance(100);
    expect(h.latest().children[0]).toMatchObject({ pending: 'new', unknown: true });
    await h.advance(100);
    const children = h.latest().children;
    expect(children[0]).toMatchObject({ status: 'rejected', text: 'not found at venue' });
    expect(children.map((child) => child.clOrdId)).toEqual([
      `${order.orderId}-1`,
      `${order.orderId}-2`,
    ]);
    expect(h.isComplete(order)).toBe(false);
  });

  it('of a cancel keeps the child working until the venue’s account of it says otherwise', async () => {
    const h = harness();
    const order = await h.place({ quantity: '1', limitPrice: '100', algo: 'peg' });
    await h.quote('99', '5', '101', '5');
    const clOrdId = `${order.orderId}-1`;
    h.venue.ack(clOrdId);
    h.venue.onCancel = (id) => h.venue.unknown(id, 'pending_cancel', UNKNOWN);
    await h.cancel(order);
    expect(h.latest().children[0]).toMatchObject({ pending: 'cancel', unknown: true });
    h.venue.canceled(clOrdId);
    await h.advance(0);
    expect(h.latest().children[0]).toMatchObject({ status: 'canceled' });
    expect(h.isComplete(order)).toBe(true);
    expect(h.venue.cancels).toEqual([clOrdId]);
  });
});
