import type { Decimal } from '../../market/decimal.js';
import { extended } from '../../market/extended.js';
import { FieldReader, withoutAbsent } from '../../market/field-reader.js';
import { decimalToJSON, type JsonOf } from '../../market/json.js';
import type { OrdStatus } from '../../market/ord-status.js';
import { ParseError } from '../../market/parse-error.js';
import {
  parseFlag,
  parseId,
  parseNonNegativeDecimal,
  parseOrdStatus,
  parsePositiveDecimal,
  parseSequence,
  parseSide,
  parseSymbol,
  parseText,
  parseTime,
  parseTimeInForce,
} from '../../market/parse-field.js';
import type { Side } from '../../market/side.js';
import type { TimeInForce } from '../../market/time-in-force.js';
import type { Liquidity, PaperFill, PaperLedger, PaperOrderRecord } from '../paper/index.js';
import { type SequencedFill, type SequencedPage, sequenceCursor } from '../sequence-cursor.js';
import type { VenueOrderStatus } from '../venue-queries.js';

/** An order status on the wire: decimals as strings; a ledger entry adds its times. */
export interface OrderStatusJSON {
  readonly clOrdId: string;
  readonly parentId: string;
  readonly venueOrderId: string;
  readonly symbol: string;
  readonly side: Side;
  readonly quantity: string;
  readonly limitPrice?: string;
  readonly timeInForce: TimeInForce;
  readonly status: OrdStatus;
  readonly cumQty: string;
  readonly leavesQty: string;
  readonly avgPx?: string;
  readonly text?: string;
  readonly createdAt?: number;
  readonly updatedAt?: number;
}

/**
 * A fill on the wire: the VenueFill in its JSON form with its report's sequence in place of the
 * cursor made of it; a ledger entry adds its liquidity.
 */
export interface FillJSON
  extends JsonOf<Omit<SequencedFill, 'cursor'>>,
    Partial<Pick<PaperFill, 'liquidity'>> {}

/** The wire form of an order status; ledger records keep their creation and update times. */
export function orderStatusToJSON(order: VenueOrderStatus | PaperOrderRecord): OrderStatusJSON {
  return withoutAbsent({
    clOrdId: order.clOrdId,
    parentId: order.parentId,
    venueOrderId: order.venueOrderId,
    symbol: order.symbol,
    side: order.side,
    quantity: decimalToJSON(order.quantity),
    limitPrice: optionalDecimal(order.limitPrice),
    timeInForce: order.timeInForce,
    status: order.status,
    cumQty: decimalToJSON(order.cumQty),
    leavesQty: decimalToJSON(order.leavesQty),
    avgPx: optionalDecimal(order.avgPx),
    text: order.text,
    createdAt: 'createdAt' in order ? order.createdAt : undefined,
    updatedAt: 'updatedAt' in order ? order.updatedAt : undefined,
  });
}

/** An order status from the wire. */
export function parseOrderStatus(value: unknown, field: string): VenueOrderStatus {
  const json = new FieldReader(value, field);
  return withoutAbsent({
    clOrdId: json.required('clOrdId', parseId),
    parentId: json.required('parentId', parseId),
    venueOrderId: json.required('venueOrderId', parseId),
    symbol: json.required('symbol', parseSymbol),
    side: json.required('side', parseSide),
    quantity: json.required('quantity', parseNonNegativeDecimal),
    limitPrice: json.optional('limitPrice', parseNonNegativeDecimal),
    timeInForce: json.required('timeInForce', parseTimeInForce),
    status: json.required('status', parseOrdStatus),
    cumQty: json.required('cumQty', parseNonNegativeDecimal),
    leavesQty: json.required('leavesQty', parseNonNegativeDecimal),
    avgPx: json.optional('avgPx', parseNonNegativeDecimal),
    text: json.optional('text', parseText),
  });
}

/** The wire form of a fill; ledger fills keep their liquidity. */
export function fillToJSON(fill: SequencedFill | PaperFill): FillJSON {
  return withoutAbsent({
    venueSeq: fill.venueSeq,
    execId: fill.execId,
    clOrdId: fill.clOrdId,
    parentId: fill.parentId,
    venueOrderId: fill.venueOrderId,
    symbol: fill.symbol,
    side: fill.side,
    qty: decimalToJSON(fill.qty),
    px: decimalToJSON(fill.px),
    time: fill.time,
    liquidity: 'liquidity' in fill ? fill.liquidity : undefined,
  });
}

/** A fill from the wire: its cursor is its report's sequence (see sequenceCursor). */
export function parseFill(value: unknown, field: string): SequencedFill {
  const json = new FieldReader(value, field);
  const venueSeq = json.required('venueSeq', parseSequence);
  return {
    venueSeq,
    cursor: sequenceCursor(venueSeq),
    execId: json.required('execId', parseId),
    clOrdId: json.required('clOrdId', parseId),
    parentId: json.required('parentId', parseId),
    venueOrderId: json.required('venueOrderId', parseId),
    symbol: json.required('symbol', parseSymbol),
    side: json.required('side', parseSide),
    qty: json.required('qty', parsePositiveDecimal),
    px: json.required('px', parsePositiveDecimal),
    time: json.required('time', parseTime),
  };
}

/** A page of fills from the wire: `{fills, cursor}`, its cursor a report sequence. */
export function parseFillsPage(value: unknown, field: string): SequencedPage {
  const json = new FieldReader(value, field);
  const cursor = json.required('cursor', parseSequence);
  return { fills: json.list('fills', parseFill), cursor: sequenceCursor(cursor) };
}

/** One child's fills from the wire: `{fills}`, the answer to fillsOf. */
export function parseChildFills(value: unknown, field: string): SequencedFill[] {
  return new FieldReader(value, field).list('fills', parseFill);
}

/** The paper venue's ledger from the wire: ledger records with their times and liquidity. */
export function parseLedger(value: unknown, field: string): PaperLedger {
  const json = new FieldReader(value, field);
  return {
    orders: json.list('orders', parseLedgerOrder),
    fills: json.list('fills', (item, path) =>
      extended(parseFill(item, path), {
        liquidity: new FieldReader(item, path).required('liquidity', parseLiquidity),
      }),
    ),
  };
}

function parseLedgerOrder(value: unknown, field: string): PaperOrderRecord {
  const json = new FieldReader(value, field);
  return extended(parseOrderStatus(value, field), {
    createdAt: json.required('createdAt', parseTime),
    updatedAt: json.required('updatedAt', parseTime),
  });
}

function parseLiquidity(value: unknown, field: string): Liquidity {
  if (value === 'taker' || value === 'maker') return value;
  throw ParseError.expected(field, 'taker or maker', value);
}

function optionalDecimal(value: Decimal | undefined): string | undefined {
  return value === undefined ? undefined : decimalToJSON(value);
}

/** The answer to a resume, after the reports it replayed. */
export interface ResumeJSON {
  /** False when the server had forgotten some of the reports asked for. */
  readonly complete: boolean;
  /** The latest report's sequence when the resume was answered. */
  readonly venueSeq: number;
}

/** A resume's answer from the wire. */
export function parseResume(value: unknown, field: string): ResumeJSON {
  const json = new FieldReader(value, field);
  return {
    complete: json.required('complete', parseFlag),
    venueSeq: json.required('venueSeq', parseSequence),
  };
}

/** The answer to a hello: the session's options now in force. */
export interface HelloJSON {
  /** Whether the venue cancels this connection's working orders when it drops. */
  readonly cancelOnDisconnect: boolean;
}

/** A hello's answer from the wire. */
export function parseHello(value: unknown, field: string): HelloJSON {
  return {
    cancelOnDisconnect: new FieldReader(value, field).required('cancelOnDisconnect', parseFlag),
  };
}
