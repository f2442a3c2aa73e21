import { describe, expect, it } from 'vitest';
import { fixClientIds } from '../../src/venues/client-id-format.js';
import { harness } from './harness.js';

describe('client IDs the venue would refuse', () => {
  it('are never sent: the order ends rejected, saying which ID and why', async () => {
    const h = harness();
    h.venue.clientIds = { format: fixClientIds(10) };
    const order = await h.place({ quantity: '1', algo: 'take' });
    await h.quote('99', '5', '100', '5');
    expect(h.venue.submitted).toEqual([]);
    expect(h.isComplete(order)).toBe(true);
    expect(h.latest()).toMatchObject({ status: 'rejected', children: [] });
    expect(h.latest().text).toMatch(/client ID ".*-1" is \d+ characters, beyond the venue's 10/);
    expect(h.kinds()).toEqual(['accepted', 'error', 'rejected', 'done']);
  });

  it('that fit are sent as exo made them', async () => {
    const h = harness();
    h.venue.clientIds = { format: fixClientIds(36) };
    const order = await h.place({ quantity: '1', algo: 'take' });
    await h.quote('99', '5', '100', '5');
    expect(h.venue.submitted.map((request) => request.clOrdId)).toEqual([`${order.orderId}-1`]);
  });
});
