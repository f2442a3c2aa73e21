import { ZERO } from '../market/decimal.js';
import type { ParentSnapshot } from '../orders/order-snapshot.js';
import type { ParentOrder } from '../orders/parent-order.js';

/** An order's state the moment the dispatcher accepts it: nothing sent, nothing filled. */
export function initialSnapshot(order: ParentOrder, time: number): ParentSnapshot {
  const snapshot: ParentSnapshot = {
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
  return order.limitPrice === undefined ? snapshot : { ...snapshot, limitPrice: order.limitPrice };
}
