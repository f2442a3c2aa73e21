import { FieldReader, withoutAbsent } from '../../market/field-reader.js';
import { decimalToJSON } from '../../market/json.js';
import {
  parseDecimal,
  parseId,
  parseSide,
  parseSymbol,
  parseTimeInForce,
} from '../../market/parse-field.js';
import type { Side } from '../../market/side.js';
import type { TimeInForce } from '../../market/time-in-force.js';
import type { ChildOrderRequest, ChildReplaceRequest } from '../venue.js';

/** A child order request on the wire: decimals as strings. */
export interface ChildOrderJSON {
  readonly clOrdId: string;
  readonly parentId: string;
  readonly symbol: string;
  readonly side: Side;
  readonly quantity: string;
  readonly limitPrice?: string;
  readonly timeInForce: TimeInForce;
}

/** A child replace request on the wire: decimals as strings. */
export interface ChildReplaceJSON {
  readonly clOrdId: string;
  readonly quantity?: string;
  readonly limitPrice?: string;
}

/** The wire form of a child order request. */
export function childOrderToJSON(request: ChildOrderRequest): ChildOrderJSON {
  return withoutAbsent({
    clOrdId: request.clOrdId,
    parentId: request.parentId,
    symbol: request.symbol,
    side: request.side,
    quantity: decimalToJSON(request.quantity),
    limitPrice: request.limitPrice === undefined ? undefined : decimalToJSON(request.limitPrice),
    timeInForce: request.timeInForce,
  });
}

/**
 * A child order request from the wire. Quantity and limit only need to be decimals: whether they
 * are positive and on the grid is the venue's to judge, with a reject report naming the reason.
 */
export function parseChildOrder(value: unknown, field: string): ChildOrderRequest {
  const json = new FieldReader(value, field);
  return withoutAbsent({
    clOrdId: json.required('clOrdId', parseId),
    parentId: json.required('parentId', parseId),
    symbol: json.required('symbol', parseSymbol),
    side: json.required('side', parseSide),
    quantity: json.required('quantity', parseDecimal),
    limitPrice: json.optional('limitPrice', parseDecimal),
    timeInForce: json.required('timeInForce', parseTimeInForce),
  });
}

/** The wire form of a child replace request. */
export function childReplaceToJSON(request: ChildReplaceRequest): ChildReplaceJSON {
  return withoutAbsent({
    clOrdId: request.clOrdId,
    quantity: request.quantity === undefined ? undefined : decimalToJSON(request.quantity),
    limitPrice: request.limitPrice === undefined ? undefined : decimalToJSON(request.limitPrice),
  });
}

/** A child replace request from the wire. */
export function parseChildReplace(value: unknown, field: string): ChildReplaceRequest {
  const json = new FieldReader(value, field);
  return withoutAbsent({
    clOrdId: json.required('clOrdId', parseId),
    quantity: json.optional('quantity', parseDecimal),
    limitPrice: json.optional('limitPrice', parseDecimal),
  });
}
