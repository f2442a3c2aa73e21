import { Decimal } from '../market/decimal.js';
import { decimalToJSON } from '../market/json.js';
import type { OrdStatus } from '../market/ord-status.js';
import type { Side } from '../market/side.js';
import type { TimeInForce } from '../market/time-in-force.js';
import type { OrderEvent } from '../orders/order-event.js';
import type { ChildSnapshot, FillRecord, ParentSnapshot } from '../orders/order-snapshot.js';

/** A parent order on the wire, without its children and fills: what listings and events carry. */
export interface OrderSummaryJSON {
  readonly orderId: string;
  readonly side: Side;
  readonly symbol: string;
  readonly quantity: string;
  readonly limitPrice?: string;
  readonly algo: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly status: OrdStatus;
  readonly cumQty: string;
  readonly avgPx?: string;
  readonly leavesQty: string;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly text?: string;
}

/** A parent order on the wire with its child orders and fills: `GET /v1/orders/:id`. */
export interface OrderJSON extends OrderSummaryJSON {
  readonly children: readonly ChildJSON[];
  readonly fills: readonly FillJSON[];
}

/** A child order on the wire. */
export interface ChildJSON {
  readonly clOrdId: string;
  readonly venueOrderId?: string;
  readonly side: Side;
  readonly quantity: string;
  readonly limitPrice?: string;
  readonly timeInForce: TimeInForce;
  readonly status: OrdStatus;
  readonly pending?: string;
  readonly cumQty: string;
  readonly avgPx?: string;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly text?: string;
}

/** A fill on the wire. */
export interface FillJSON {
  readonly execId: string;
  readonly clOrdId: string;
  readonly qty: string;
  readonly px: string;
  readonly time: number;
}

/** The wire form of a parent order without children and fills; absent fields are left out. */
export function orderSummaryToJSON(order: ParentSnapshot): OrderSummaryJSON {
  return withoutAbsent({
    orderId: order.orderId,
    side: order.side,
    symbol: order.symbol,
    quantity: decimalToJSON(order.quantity),
    limitPrice: optionalDecimal(order.limitPrice),
    algo: order.algo,
    params: order.params,
    status: order.status,
    cumQty: decimalToJSON(order.cumQty),
    avgPx: optionalDecimal(order.avgPx),
    leavesQty: decimalToJSON(order.leavesQty),
    createdAt: order.createdAt,
    updatedAt: order.updatedAt,
    text: order.text,
  });
}

/** The wire form of a parent order with its children and fills. */
export function orderToJSON(order: ParentSnapshot): OrderJSON {
  return {
    ...orderSummaryToJSON(order),
    children: order.children.map(childToJSON),
    fills: order.fills.map(fillToJSON),
  };
}

/** The wire form of a child order. */
export function childToJSON(child: ChildSnapshot): ChildJSON {
  return withoutAbsent({
    clOrdId: child.clOrdId,
    venueOrderId: child.venueOrderId,
    side: child.side,
    quantity: decimalToJSON(child.quantity),
    limitPrice: optionalDecimal(child.limitPrice),
    timeInForce: child.timeInForce,
    status: child.status,
    pending: child.pending,
    cumQty: decimalToJSON(child.cumQty),
    avgPx: optionalDecimal(child.avgPx),
    createdAt: child.createdAt,
    updatedAt: child.updatedAt,
    text: child.text,
  });
}

/** The wire form of a fill. */
export function fillToJSON(fill: FillRecord): FillJSON {
  return {
    execId: fill.execId,
    clOrdId: fill.clOrdId,
    qty: decimalToJSON(fill.qty),
    px: decimalToJSON(fill.px),
    time: fill.time,
  };
}

/**
 * The wire form of an order event: its own fields (decimals as strings, a child or fill in
 * their wire forms) and the order's summary after it, under `order`.
 */
export function orderEventToJSON(
  event: OrderEvent,
  order: ParentSnapshot,
): Record<string, unknown> {
  const json: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(event)) {
    if (value instanceof Decimal) json[key] = decimalToJSON(value);
    else if (key === 'child') json[key] = childToJSON(value as ChildSnapshot);
    else if (key === 'fill') json[key] = fillToJSON(value as FillRecord);
    else json[key] = value;
  }
  json.order = orderSummaryToJSON(order);
  return json;
}

function optionalDecimal(value: Decimal | undefined): string | undefined {
  return value === undefined ? undefined : decimalToJSON(value);
}

/** The same fields without those that are undefined, so an absent field is absent, not null. */
function withoutAbsent<T extends object>(fields: T): T {
  for (const key of Object.keys(fields) as (keyof T)[]) {
    if (fields[key] === undefined) delete fields[key];
  }
  return fields;
}
