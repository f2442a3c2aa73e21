import { ZERO } from '../market/decimal.js';
import type { ParentSnapshot } from '../orders/order-snapshot.js';
import type { ParentOrder } from '../orders/parent-order.js';

/** An order's state the moment the dispatcher accepts it: nothing sent, nothing filled. */
export function initialSnapshot(order: ParentOrder, time: number): ParentSnapshot {
  const snapshot: { -readonly [K in keyof ParentSnapshot]: ParentSnapshot[K] } = {
    orderId: order.orderId,
    side: order.side,
    symbol: order.symbol,
    quantity: order.quantity,
    algo: order.algo,
    params: order.params,
    status: 'new',
    cumQty: ZERO,
    leavesQty: order.quantity,
    children: [],
    fills: [],
    createdAt: time,
    updatedAt: time,
  };
  if (order.limitPrice !== undefined) snapshot.limitPrice = order.limitPrice;
  return snapshot;
}
