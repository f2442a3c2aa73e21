import { sign } from './decimal.js';
import { FieldReader, withoutAbsent } from './field-reader.js';
import type { Order } from './order.js';
import {
  parseExecType,
  parseId,
  parseMsgType,
  parseNonNegativeDecimal,
  parseOrdStatus,
  parsePositiveDecimal,
  parseSide,
  parseSymbol,
  parseText,
  parseTime,
} from './parse-field.js';
import { Quote } from './quote.js';
import type { Report } from './report.js';
import { Trade } from './trade.js';

/** A JSON object as read from the wire: fields not yet checked. */
/**
 * A quote from its JSON form `{symbol, bidPx, bidQty, askPx, askQty, time?}`: prices positive,
 * sizes non-negative (an empty side of the book has size zero). Unknown fields are ignored.
 */
export function parseQuote(value: unknown, field = 'quote'): Quote {
  const json = new FieldReader(value, field);
  return new Quote(
    json.required('symbol', parseSymbol),
    json.required('bidPx', parsePositiveDecimal),
    json.required('bidQty', parseNonNegativeDecimal),
    json.required('askPx', parsePositiveDecimal),
    json.required('askQty', parseNonNegativeDecimal),
    json.optional('time', parseTime),
  );
}

/** A single print from its JSON form `{symbol, px, qty, time?, tradeId?}`; px and qty positive. */
export function parseTrade(value: unknown, field = 'trade'): Trade {
  const json = new FieldReader(value, field);
  return Trade.of(
    json.required('symbol', parseSymbol),
    json.required('px', parsePositiveDecimal),
    json.required('qty', parsePositiveDecimal),
    json.optional('time', parseTime),
    json.optional('tradeId', parseId),
  );
}

/**
 * An execution report from its JSON form. Figures are non-negative (FIX sends zeros on an
 * acknowledgement), but a report with a positive lastQty must say its price in lastPx.
 */
export function parseReport(value: unknown, field = 'report'): Report {
  const json = new FieldReader(value, field);
  const report: Report = withoutAbsent({
    orderId: json.required('orderId', parseId),
    venueOrderId: json.optional('venueOrderId', parseId),
    clOrdId: json.optional('clOrdId', parseId),
    execId: json.optional('execId', parseId),
    execType: json.optional('execType', parseExecType),
    status: json.required('status', parseOrdStatus),
    lastQty: json.optional('lastQty', parseNonNegativeDecimal),
    lastPx: json.optional('lastPx', parseNonNegativeDecimal),
    cumQty: json.optional('cumQty', parseNonNegativeDecimal),
    leavesQty: json.optional('leavesQty', parseNonNegativeDecimal),
    avgPx: json.optional('avgPx', parseNonNegativeDecimal),
    transactTime: json.required('transactTime', parseTime),
    text: json.optional('text', parseText),
  });
  if (
    report.lastQty !== undefined &&
    sign(report.lastQty) > 0 &&
    !(report.lastPx !== undefined && sign(report.lastPx) > 0)
  ) {
    throw json.error('lastPx', 'expected a positive price, since lastQty is positive');
  }
  return report;
}

/**
 * An order's identity as it arrives from a client, before exo has assigned an ID to a new one:
 * `orderId` may be absent only when `msgType` is `new`.
 */
export interface OrderIdentity extends Omit<Order, 'orderId'> {
  readonly orderId?: string;
}

/**
 * The identity fields of an order or instruction from its JSON form; the caller reads its own
 * extra fields (quantity, limit, parameters) from the same object, so unknown fields are ignored.
 */
export function parseOrder(value: unknown, field = 'order'): OrderIdentity {
  const json = new FieldReader(value, field);
  const identity: OrderIdentity = withoutAbsent({
    orderId: json.optional('orderId', parseId),
    side: json.required('side', parseSide),
    symbol: json.required('symbol', parseSymbol),
    msgType: json.required('msgType', parseMsgType),
  });
  if (identity.orderId === undefined && identity.msgType !== 'new') {
    throw json.error('orderId', `expected the ID of the order to ${identity.msgType}, got nothing`);
  }
  return identity;
}
