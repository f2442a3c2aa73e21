import { DEFAULT_LIST_LIMIT } from '../engine/order-store.js';
import { ORD_STATUSES } from '../market/ord-status.js';
import { TIMES_IN_FORCE } from '../market/time-in-force.js';
import { TRADING_STATES } from '../market/trading-state.js';
import { ERROR_TABLE, type ErrorCode } from './error-table.js';
import { tradingStateChangeSchema, tradingStatusSchema } from './trading-schemas.js';

/** A decimal as clients send it: a string (a JSON number has already lost precision). */
const decimalString = {
  type: 'string',
  minLength: 1,
  maxLength: 100,
  description: 'A decimal number as a string, e.g. "0.25".',
} as const;

/**
 * A side in any letter case; `BUY` and `buy` are the same. A failed pattern is reported by its
 * description (validation-message.ts), so the description says what is expected.
 */
const sideInput = {
  type: 'string',
  pattern: '^([Bb][Uu][Yy]|[Ss][Ee][Ll][Ll])$',
  description: 'buy or sell, in any letter case',
} as const;

const symbol = { type: 'string', minLength: 1, maxLength: 64, examples: ['BTC-USD'] } as const;

/** A client's own order ID: visible ASCII, as FIX's ClOrdID; the description names the format. */
const clientOrderId = {
  type: 'string',
  pattern: '^[\\x21-\\x7e]{1,64}$',
  description: '1 to 64 visible ASCII characters',
} as const;
const status = { type: 'string', enum: ORD_STATUSES } as const;

/**
 * Errors: a code of the error table and a message naming what is wrong (and a risk refusal's
 * rule, limit, value; a trading-state refusal's scope, symbol and state; a wrong shard's symbol,
 * shard and the shard asked).
 */
export const errorSchema = {
  $id: 'Error',
  type: 'object',
  properties: {
    error: { type: 'string', enum: Object.keys(ERROR_TABLE) },
    message: { type: 'string' },
    rule: { type: 'string', description: 'risk_limit: the rule the order broke' },
    limit: { type: 'string', description: "risk_limit: the rule's limit" },
    value: { type: 'string', description: "risk_limit: the order's figure beyond it" },
    scope: {
      type: 'string',
      enum: ['global', 'symbol'],
      description: 'trading_halted, trading_reducing: whose state refused the order',
    },
    symbol: {
      type: 'string',
      description: 'with scope `symbol`: the symbol; wrong_shard: the symbol refused',
    },
    shard: { type: 'integer', description: 'wrong_shard: the shard the symbol belongs to' },
    here: { type: 'integer', description: 'wrong_shard: the shard that was asked' },
    state: {
      type: 'string',
      enum: TRADING_STATES,
      description: 'trading_halted, trading_reducing: the state that refused the order',
    },
  },
  required: ['error', 'message'],
} as const;

/** A child order in responses. */
export const childSchema = {
  $id: 'Child',
  type: 'object',
  properties: {
    clOrdId: {
      type: 'string',
      description: "The child's identity: the client ID it was sent under",
    },
    clientIds: {
      type: 'array',
      items: { type: 'string' },
      description: 'Every client ID it has had, oldest first, at a venue that renames on replace',
    },
    venueClOrdId: {
      type: 'string',
      description: 'The client ID the venue knows it by, when a replace renamed it',
    },
    venueOrderId: { type: 'string' },
    side: { type: 'string', enum: ['buy', 'sell'] },
    quantity: { type: 'string' },
    limitPrice: { type: 'string' },
    timeInForce: { type: 'string', enum: TIMES_IN_FORCE },
    status,
    pending: { type: 'string', enum: ['new', 'replace', 'cancel'] },
    unknown: {
      type: 'boolean',
      description:
        "True while the pending request's outcome is unknown: never resent, resolved by a report or a status query",
    },
    cumQty: { type: 'string' },
    avgPx: { type: 'string' },
    createdAt: { type: 'number' },
    updatedAt: { type: 'number' },
    text: { type: 'string' },
  },
  required: ['clOrdId', 'side', 'quantity', 'timeInForce', 'status', 'cumQty'],
} as const;

/** A fill in responses. */
export const fillSchema = {
  $id: 'Fill',
  type: 'object',
  properties: {
    execId: { type: 'string' },
    clOrdId: { type: 'string' },
    qty: { type: 'string' },
    px: { type: 'string' },
    time: { type: 'number' },
  },
  required: ['execId', 'clOrdId', 'qty', 'px', 'time'],
} as const;

const orderProperties = {
  orderId: { type: 'string' },
  side: { type: 'string', enum: ['buy', 'sell'] },
  symbol: { type: 'string' },
  quantity: { type: 'string' },
  limitPrice: { type: 'string' },
  algo: { type: 'string' },
  params: { type: 'object', additionalProperties: true },
  clientOrderId: { type: 'string' },
  status,
  cumQty: { type: 'string' },
  avgPx: { type: 'string' },
  leavesQty: { type: 'string' },
  createdAt: { type: 'number' },
  updatedAt: { type: 'number' },
  text: { type: 'string' },
  overfilled: { type: 'boolean' },
  waitingFor: { type: 'string', enum: ['market_data'] },
} as const;

const orderRequired = [
  'orderId',
  'side',
  'symbol',
  'quantity',
  'algo',
  'status',
  'cumQty',
  'leavesQty',
] as const;

/** A parent order in listings: without children and fills. */
export const orderSummarySchema = {
  $id: 'OrderSummary',
  type: 'object',
  properties: orderProperties,
  required: orderRequired,
} as const;

/** A parent order with its child orders and fills. */
export const orderSchema = {
  $id: 'Order',
  type: 'object',
  properties: {
    ...orderProperties,
    children: { type: 'array', items: { $ref: 'Child#' } },
    fills: { type: 'array', items: { $ref: 'Fill#' } },
  },
  required: [...orderRequired, 'children', 'fills'],
} as const;

/** Every shared schema, to add to the app before the routes that refer to them. */
export const sharedSchemas = [
  errorSchema,
  childSchema,
  fillSchema,
  orderSummarySchema,
  orderSchema,
  tradingStateChangeSchema,
  tradingStatusSchema,
];

/** The body of `POST /v1/orders`. */
export const newOrderBody = {
  type: 'object',
  additionalProperties: false,
  required: ['side', 'symbol', 'quantity', 'algo'],
  properties: {
    side: sideInput,
    symbol,
    quantity: decimalString,
    limitPrice: decimalString,
    algo: { type: 'string', minLength: 1, maxLength: 32, examples: ['take'] },
    params: {
      type: 'object',
      additionalProperties: true,
      description: 'The algorithm\'s parameters, e.g. {"durationMs": 60000} for twap.',
    },
    clientOrderId,
  },
} as const;

/** The body of `PATCH /v1/orders/:id`: side and symbol may only repeat what they are. */
export const replaceOrderBody = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: { quantity: decimalString, limitPrice: decimalString, side: sideInput, symbol },
} as const;

/** The longest order ID a route takes (the router's limit on any path parameter too). */
export const MAX_ORDER_ID_LENGTH = 128;

/** The `:id` of an order route. */
export const orderIdParams = {
  type: 'object',
  additionalProperties: false,
  required: ['id'],
  properties: { id: { type: 'string', minLength: 1, maxLength: MAX_ORDER_ID_LENGTH } },
} as const;

const oneStatus = `(?:${ORD_STATUSES.join('|')})`;

/** The query of `GET /v1/orders`. */
export const listOrdersQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    status: {
      type: 'string',
      pattern: `^${oneStatus}(?:,${oneStatus})*$`,
      description: `a status (${ORD_STATUSES.join(', ')}), or several, comma-separated or repeated`,
    },
    limit: {
      type: 'string',
      pattern: '^([1-9][0-9]{0,2}|1000)$',
      description: `a whole number from 1 to 1000 (default ${DEFAULT_LIST_LIMIT})`,
    },
    clientOrderId,
    cursor: {
      type: 'string',
      pattern: '^[0-9]{1,15}$',
      description: 'the Next-Cursor header of an earlier page',
    },
  },
} as const;

/** The header a listing sets when more orders follow: pass it as `cursor` for the next page. */
export const NEXT_CURSOR_HEADER = 'next-cursor';

/** A route's response in its schema: what it is (the OpenAPI description) and its body. */
export interface ResponseSchema {
  readonly description: string;
  readonly $ref?: string;
  readonly [keyword: string]: unknown;
}

/**
 * The OpenAPI responses of the errors a route can answer, named by code: each code's status comes
 * from the error table, so the document cannot disagree with what the route sends, and each
 * status is described by the codes it stands for and their meanings.
 */
export function errorResponses(...codes: ErrorCode[]): Record<number, ResponseSchema> {
  const byStatus = new Map<number, string[]>();
  for (const code of codes) {
    const { status, meaning } = ERROR_TABLE[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), `${code}: ${meaning}`]);
  }
  return Object.fromEntries(
    [...byStatus].map(([status, lines]) => [
      status,
      { description: lines.join(' '), $ref: 'Error#' },
    ]),
  );
}
