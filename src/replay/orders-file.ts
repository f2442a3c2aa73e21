import { readFile } from 'node:fs/promises';
import { FieldReader, withoutAbsent } from '../market/field-reader.js';
import { ParseError } from '../market/parse-error.js';
import { parseId, parsePositiveDecimal, parseSide, parseSymbol } from '../market/parse-field.js';
import { parseJsonText } from './json-text.js';
import { type OrderContext, orderProblem } from './order-checks.js';
import type { ReplayAmend, ReplayOrder } from './replay-order.js';
import { ReplayOrdersError } from './replay-orders-error.js';
import { parseReplayTime } from './replay-time.js';

/** The fields an order in `orders.json` may have: any other is refused, as a typo would be. */
const ORDER_FIELDS = [
  'id',
  'symbol',
  'side',
  'quantity',
  'limitPrice',
  'algo',
  'params',
  'start',
  'amend',
  'cancelAt',
];
const AMEND_FIELDS = ['at', 'quantity', 'limitPrice'];

/**
 * Reads `orders.json` (see parseOrders); a file that cannot be read is a ReplayOrdersError too.
 */
export async function readOrdersFile(file: string, context: OrderContext): Promise<ReplayOrder[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ReplayOrdersError(
      file,
      '',
      `cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  }
  return parseOrders(text, file, context);
}

/**
 * The parent orders of `orders.json`'s text: an array of orders, or `{"orders": [...]}`. Each is
 * `{id?, symbol, side, quantity, limitPrice?, algo, params?, start, amend?: [{at, quantity?,
 * limitPrice?}], cancelAt?}`, decimals as strings and times as ISO instants or offsets from the
 * recording's start. Its ref is its `id`, else `orders[i]`. Throws a ReplayOrdersError naming
 * `file` and the line:column of a JSON syntax error, or the JSON path and reason of a bad value
 * (including one that does not fit the recording or the algorithms of `context`).
 */
export function parseOrders(text: string, file: string, context: OrderContext): ReplayOrder[] {
  const parsed = parseJsonText(text);
  if (!parsed.ok) {
    const { line, column, reason } = parsed.problem;
    throw new ReplayOrdersError(file, `${line}:${column}`, `not valid JSON: ${reason}`);
  }
  const list = ordersList(parsed.value, file);
  const refs = new Set<string>();
  return list.map((value, index) => {
    const at = `orders[${index}]`;
    const order = readOrder(value, at, file, context);
    if (refs.has(order.ref)) {
      throw new ReplayOrdersError(file, `${at}.id`, `${JSON.stringify(order.ref)} is used twice`);
    }
    refs.add(order.ref);
    const problem = orderProblem(order, context);
    if (problem !== undefined) {
      throw new ReplayOrdersError(file, `${at}.${problem.field}`, problem.reason);
    }
    return order;
  });
}

function ordersList(document: unknown, file: string): readonly unknown[] {
  if (Array.isArray(document)) return document;
  if (typeof document === 'object' && document !== null && !Array.isArray(document)) {
    const orders = (document as Record<string, unknown>).orders;
    const others = Object.keys(document).filter((key) => key !== 'orders');
    if (others.length > 0)
      throw new ReplayOrdersError(file, others[0]!, 'unknown field (expected only orders)');
    if (Array.isArray(orders)) return orders;
    throw new ReplayOrdersError(file, 'orders', 'expected an array of orders');
  }
  throw new ReplayOrdersError(file, '', 'expected an array of orders, or {"orders": [...]}');
}

function readOrder(value: unknown, at: string, file: string, context: OrderContext): ReplayOrder {
  try {
    const fields = new FieldReader(value, at);
    const record = value as Record<string, unknown>;
    refuseUnknown(record, ORDER_FIELDS, fields);
    const fromUs = context.recording.fromUs;
    const time = (raw: unknown, field: string): number => parseReplayTime(raw, field, fromUs);
    const id = fields.optional('id', parseId);
    return withoutAbsent({
      ref: id ?? at,
      symbol: fields.required('symbol', parseSymbol),
      side: fields.required('side', parseSide),
      quantity: fields.required('quantity', decimalText),
      limitPrice: fields.optional('limitPrice', decimalText),
      algo: fields.required('algo', parseId),
      params: fields.optional('params', paramsObject) ?? {},
      startUs: fields.required('start', time),
      amends:
        record.amend === undefined
          ? []
          : fields.list('amend', (raw, field) => readAmend(raw, field, time)),
      cancelAtUs: fields.optional('cancelAt', time),
    });
  } catch (error) {
    if (error instanceof ParseError) {
      throw new ReplayOrdersError(file, error.field, error.message.slice(error.field.length + 2));
    }
    throw error;
  }
}

function readAmend(
  value: unknown,
  at: string,
  time: (raw: unknown, field: string) => number,
): ReplayAmend {
  const fields = new FieldReader(value, at);
  refuseUnknown(value as Record<string, unknown>, AMEND_FIELDS, fields);
  const amend = withoutAbsent({
    atUs: fields.required('at', time),
    quantity: fields.optional('quantity', decimalText),
    limitPrice: fields.optional('limitPrice', decimalText),
  });
  if (amend.quantity === undefined && amend.limitPrice === undefined) {
    throw fields.error('quantity', 'an amend changes quantity, limitPrice or both');
  }
  return amend;
}

/** An algorithm's params: a JSON object, as the algorithm's own check then reads it. */
function paramsObject(value: unknown, field: string): Readonly<Record<string, unknown>> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw ParseError.expected(field, 'an object', value);
  }
  return value as Readonly<Record<string, unknown>>;
}

/** A positive decimal, kept as the text written: replay's figures stay the file's own strings. */
function decimalText(value: unknown, field: string): string {
  parsePositiveDecimal(value, field);
  return value as string;
}

function refuseUnknown(
  value: Record<string, unknown>,
  known: readonly string[],
  fields: FieldReader,
): void {
  const unknown = Object.keys(value).find((key) => !known.includes(key));
  if (unknown !== undefined)
    throw fields.error(unknown, `unknown field (known: ${known.join(', ')})`);
}
