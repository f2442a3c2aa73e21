import { Decimal } from '../market/decimal.js';
import { decimalToJSON, type JsonOf } from '../market/json.js';
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
  readonly clientOrderId?: string;
  readonly status: OrdStatus;
  readonly cumQty: string;
  readonly avgPx?: string;
  readonly leavesQty: string;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly text?: string;
  readonly overfilled?: boolean;
}

/** A parent order on the wire with its child orders and fills: `GET /v1/orders/:id`. */
export interface OrderJSON extends OrderSummaryJSON {
  readonly children: readonly ChildJSON[];
  readonly fills: readonly FillJSON[];
}

/** A child order on the wire. */
export interface ChildJSON {
  readonly clOrdId: string;
  /** Every client ID the child has had, when a venue that renames on replace may have. */
  readonly clientIds?: readonly string[];
  /** The client ID the venue knows it by, when a replace renamed it. */
  readonly venueClOrdId?: string;
  readonly venueOrderId?: string;
  readonly side: Side;
  readonly quantity: string;
  readonly limitPrice?: string;
  readonly timeInForce: TimeInForce;
  readonly status: OrdStatus;
  readonly pending?: string;
  /** True while the pending request's outcome is unknown. */
  readonly unknown?: true;
  readonly cumQty: string;
  readonly avgPx?: string;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly text?: string;
}

/** A fill on the wire: exo's FillRecord in its JSON form. */
export interface FillJSON extends JsonOf<FillRecord> {
  /** Present and true on a fill exo booked for a cumQty the venue could not account for. */
  readonly synthetic?: true;
}

/** The wire form of a parent order without children and fills; absent fields are left out. */
export function orderSummaryToJSON(order: ParentSnapshot): OrderSummaryJSON {
  const json: Writable<OrderSummaryJSON> = {
    orderId: order.orderId,
    side: order.side,
    symbol: order.symbol,
    quantity: decimalToJSON(order.quantity),
    algo: order.algo,
    params: order.params,
    status: order.status,
    cumQty: decimalToJSON(order.cumQty),
    leavesQty: decimalToJSON(order.leavesQty),
    createdAt: order.createdAt,
    updatedAt: order.updatedAt,
  };
  if (order.limitPrice !== undefined) json.limitPrice = decimalToJSON(order.limitPrice);
  if (order.clientOrderId !== undefined) json.clientOrderId = order.clientOrderId;
  if (order.avgPx !== undefined) json.avgPx = decimalToJSON(order.avgPx);
  if (order.text !== undefined) json.text = order.text;
  if (order.overfilled === true) json.overfilled = true;
  return json;
}

/** The wire form of a parent order with its children and fills. */
export function orderToJSON(order: ParentSnapshot): OrderJSON {
  // Added to the summary in place: a spread would copy every field once more.
  return Object.assign(orderSummaryToJSON(order), {
    children: order.children.map(childToJSON),
    fills: order.fills.map(fillToJSON),
  });
}

/** The wire form of a child order; absent fields are left out. */
export function childToJSON(child: ChildSnapshot): ChildJSON {
  const json: Writable<ChildJSON> = {
    clOrdId: child.clOrdId,
    side: child.side,
    quantity: decimalToJSON(child.quantity),
    timeInForce: child.timeInForce,
    status: child.status,
    cumQty: decimalToJSON(child.cumQty),
    createdAt: child.createdAt,
    updatedAt: child.updatedAt,
  };
  if (child.clientIds !== undefined) json.clientIds = child.clientIds.slice();
  if (child.venueClOrdId !== undefined) json.venueClOrdId = child.venueClOrdId;
  if (child.venueOrderId !== undefined) json.venueOrderId = child.venueOrderId;
  if (child.limitPrice !== undefined) json.limitPrice = decimalToJSON(child.limitPrice);
  if (child.pending !== undefined) json.pending = child.pending;
  if (child.unknown === true) json.unknown = true;
  if (child.avgPx !== undefined) json.avgPx = decimalToJSON(child.avgPx);
  if (child.text !== undefined) json.text = child.text;
  return json;
}

/** The wire form of a fill. */
export function fillToJSON(fill: FillRecord): FillJSON {
  return {
    execId: fill.execId,
    clOrdId: fill.clOrdId,
    qty: decimalToJSON(fill.qty),
    px: decimalToJSON(fill.px),
    time: fill.time,
    ...(fill.synthetic === true ? { synthetic: true as const } : {}),
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

/**
 * A wire form being built: required fields first, optional ones added only when present (never
 * deleted afterwards, which would push the object into V8's slow dictionary mode).
 */
type Writable<T> = { -readonly [K in keyof T]: T[K] };
