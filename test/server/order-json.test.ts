import { expect, it } from 'vitest';
import { decimal } from '../../src/market/decimal.js';
import type { ParentOrder } from '../../src/orders/parent-order.js';
import { ParentState } from '../../src/orders/parent-state.js';
import { orderSummaryToJSON } from '../../src/server/order-json.js';

const order: ParentOrder = {
  orderId: 'o1',
  side: 'buy',
  symbol: 'BTC-USD',
  msgType: 'new',
  quantity: decimal('1'),
  algo: 'take',
  params: {},
};

it('shows an overfilled order as such on the wire, and says nothing of it otherwise', () => {
  const snapshot = ParentState.accepted(order, 5).snapshot();
  expect(orderSummaryToJSON(snapshot)).not.toHaveProperty('overfilled');
  const over = { ...snapshot, cumQty: decimal('1.5'), overfilled: true };
  expect(orderSummaryToJSON(over)).toMatchObject({ cumQty: '1.5', overfilled: true });
});
