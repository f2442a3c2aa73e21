import { fields } from '../journal/journal-bodies.js';
import type { JsonValue } from '../journal/journal-row.js';
import type { Decimal } from '../market/decimal.js';
import { ParseError } from '../market/parse-error.js';
import {
  parseId,
  parseOrdStatus,
  parsePositiveDecimal,
  parseSide,
  parseSymbol,
  parseText,
  parseTime,
  parseTimeInForce,
} from '../market/parse-field.js';
import type { ClientIdChain } from '../orders/child-order.js';
import type { FillRecord } from '../orders/order-snapshot.js';
import type { ChildRestore, ParentRestore } from '../orders/parent-restore.js';
import type { RecoveredOrder } from './recovered-order.js';

/**
 * A recovered order as a snapshot stores it, and back: decimals as strings, times as numbers.
 * Reading checks every field and names the one that is wrong (a ParseError), so a damaged
 * snapshot is refused rather than restored half right.
 */

/** The snapshot body of a recovered order. */
export function recoveredToJSON(order: RecoveredOrder): JsonValue {
  const { parent } = order;
  const terms = parent.order;
  return {
    order: {
      orderId: terms.orderId,
      side: terms.side,
      symbol: terms.symbol,
      quantity: terms.quantity.toFixed(),
      ...(terms.limitPrice === undefined ? {} : { limitPrice: terms.limitPrice.toFixed() }),
      algo: terms.algo,
      params: terms.params as { readonly [key: string]: JsonValue },
      ...(terms.clientOrderId === undefined ? {} : { clientOrderId: terms.clientOrderId }),
    },
    cancelRequested: parent.cancelRequested,
    children: parent.children.map(childToJSON),
    fills: parent.fills.map((fill) => ({
      execId: fill.execId,
      clOrdId: fill.clOrdId,
      qty: fill.qty.toFixed(),
      px: fill.px.toFixed(),
      time: fill.time,
      ...(fill.synthetic === true ? { synthetic: true } : {}),
    })),
    createdAt: parent.createdAt,
    updatedAt: parent.updatedAt,
    venues: order.venues,
    counts: {
      instructions: order.counts.instructions,
      checkpoints: order.counts.checkpoints,
      replaces: order.counts.replaces,
    },
    ...(order.checkpoint === undefined ? {} : { checkpoint: order.checkpoint }),
  };
}

function childToJSON(child: ChildRestore): JsonValue {
  const { request } = child;
  return {
    clOrdId: request.clOrdId,
    symbol: request.symbol,
    side: request.side,
    quantity: request.quantity.toFixed(),
    ...(request.limitPrice === undefined ? {} : { limitPrice: request.limitPrice.toFixed() }),
    timeInForce: request.timeInForce,
    status: child.status,
    ...(child.venueOrderId === undefined ? {} : { venueOrderId: child.venueOrderId }),
    ...(child.clientIds === undefined
      ? {}
      : { clientIds: { ids: [...child.clientIds.ids], current: child.clientIds.current } }),
    ...(child.replaceTo === undefined
      ? {}
      : {
          replaceTo: {
            quantity: child.replaceTo.quantity.toFixed(),
            ...(child.replaceTo.limitPrice === undefined
              ? {}
              : { limitPrice: child.replaceTo.limitPrice.toFixed() }),
          },
        }),
    ...(child.unknown === true ? { unknown: true } : {}),
    cancelRejections: child.cancelRejections,
    replaceRejections: child.replaceRejections,
    ...(child.text === undefined ? {} : { text: child.text }),
    createdAt: child.createdAt,
    updatedAt: child.updatedAt,
  };
}

/** Reads a snapshot body back into a recovered order; throws ParseError naming a bad field. */
export function recoveredFromJSON(body: JsonValue, field = 'order'): RecoveredOrder {
  const f = fields(body, field);
  const terms = fields(f.order, `${field}.order`);
  const orderId = parseId(terms.orderId, `${field}.order.orderId`);
  const limitPrice = optionalDecimal(terms.limitPrice, `${field}.order.limitPrice`);
  const clientOrderId =
    terms.clientOrderId === undefined
      ? undefined
      : parseId(terms.clientOrderId, `${field}.order.clientOrderId`);
  const parent: ParentRestore = {
    order: {
      orderId,
      msgType: 'new',
      side: parseSide(terms.side, `${field}.order.side`),
      symbol: parseSymbol(terms.symbol, `${field}.order.symbol`),
      quantity: parsePositiveDecimal(terms.quantity, `${field}.order.quantity`),
      ...(limitPrice === undefined ? {} : { limitPrice }),
      algo: parseId(terms.algo, `${field}.order.algo`),
      params: fields(terms.params ?? {}, `${field}.order.params`),
      ...(clientOrderId === undefined ? {} : { clientOrderId }),
    },
    cancelRequested: f.cancelRequested === true,
    children: arrayOf(f.children, `${field}.children`).map((child, at) =>
      childFromJSON(child, orderId, `${field}.children[${at}]`),
    ),
    fills: arrayOf(f.fills, `${field}.fills`).map((fill, at) =>
      fillFromJSON(fill, `${field}.fills[${at}]`),
    ),
    createdAt: parseTime(f.createdAt, `${field}.createdAt`),
    updatedAt: parseTime(f.updatedAt, `${field}.updatedAt`),
  };
  const counts = fields(f.counts, `${field}.counts`);
  return {
    parent,
    venues: stringsOf(f.venues, `${field}.venues`),
    counts: {
      instructions: countOf(counts.instructions, `${field}.counts.instructions`),
      checkpoints: countOf(counts.checkpoints, `${field}.counts.checkpoints`),
      replaces: countsOf(counts.replaces, `${field}.counts.replaces`),
    },
    ...(f.checkpoint === undefined ? {} : { checkpoint: f.checkpoint }),
  };
}

function childFromJSON(body: JsonValue, parentId: string, field: string): ChildRestore {
  const f = fields(body, field);
  const limitPrice = optionalDecimal(f.limitPrice, `${field}.limitPrice`);
  const replaceTo =
    f.replaceTo === undefined ? undefined : fields(f.replaceTo, `${field}.replaceTo`);
  const replaceLimit = optionalDecimal(replaceTo?.limitPrice, `${field}.replaceTo.limitPrice`);
  const text = f.text === undefined ? undefined : parseText(f.text, `${field}.text`);
  const venueOrderId =
    f.venueOrderId === undefined ? undefined : parseId(f.venueOrderId, `${field}.venueOrderId`);
  const clientIds = f.clientIds === undefined ? undefined : chainFromJSON(f.clientIds, field);
  return {
    request: {
      clOrdId: parseId(f.clOrdId, `${field}.clOrdId`),
      parentId,
      symbol: parseSymbol(f.symbol, `${field}.symbol`),
      side: parseSide(f.side, `${field}.side`),
      quantity: parsePositiveDecimal(f.quantity, `${field}.quantity`),
      ...(limitPrice === undefined ? {} : { limitPrice }),
      timeInForce: parseTimeInForce(f.timeInForce, `${field}.timeInForce`),
    },
    status: parseOrdStatus(f.status, `${field}.status`),
    ...(venueOrderId === undefined ? {} : { venueOrderId }),
    ...(clientIds === undefined ? {} : { clientIds }),
    ...(f.unknown === true ? { unknown: true } : {}),
    ...(replaceTo === undefined
      ? {}
      : {
          replaceTo: {
            quantity: parsePositiveDecimal(replaceTo.quantity, `${field}.replaceTo.quantity`),
            ...(replaceLimit === undefined ? {} : { limitPrice: replaceLimit }),
          },
        }),
    cancelRejections: countOf(f.cancelRejections, `${field}.cancelRejections`),
    replaceRejections: countOf(f.replaceRejections, `${field}.replaceRejections`),
    ...(text === undefined ? {} : { text }),
    createdAt: parseTime(f.createdAt, `${field}.createdAt`),
    updatedAt: parseTime(f.updatedAt, `${field}.updatedAt`),
  };
}

/** A child's client IDs as a snapshot stores them: `{ids, current}`, current among the ids. */
function chainFromJSON(body: JsonValue, child: string): ClientIdChain {
  const field = `${child}.clientIds`;
  const f = fields(body, field);
  const ids = arrayOf(f.ids, `${field}.ids`).map((id, at) => parseId(id, `${field}.ids[${at}]`));
  const current = parseId(f.current, `${field}.current`);
  if (!ids.includes(current)) throw ParseError.expected(`${field}.current`, 'one of ids', current);
  return { ids, current };
}

function fillFromJSON(body: JsonValue, field: string): FillRecord {
  const f = fields(body, field);
  return {
    execId: parseId(f.execId, `${field}.execId`),
    clOrdId: parseId(f.clOrdId, `${field}.clOrdId`),
    qty: parsePositiveDecimal(f.qty, `${field}.qty`),
    px: parsePositiveDecimal(f.px, `${field}.px`),
    time: parseTime(f.time, `${field}.time`),
    ...(f.synthetic === true ? { synthetic: true } : {}),
  };
}

function arrayOf(value: JsonValue | undefined, field: string): readonly JsonValue[] {
  if (!Array.isArray(value)) throw ParseError.expected(field, 'an array', value);
  return value;
}

function optionalDecimal(value: JsonValue | undefined, field: string): Decimal | undefined {
  return value === undefined ? undefined : parsePositiveDecimal(value, field);
}

function countOf(value: JsonValue | undefined, field: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw ParseError.expected(field, 'a non-negative integer', value);
  }
  return value;
}

function countsOf(value: JsonValue | undefined, field: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const [key, count] of Object.entries(fields(value, field))) {
    counts[key] = countOf(count, `${field}.${key}`);
  }
  return counts;
}

function stringsOf(value: JsonValue | undefined, field: string): Record<string, string> {
  const strings: Record<string, string> = {};
  for (const [key, text] of Object.entries(fields(value, field))) {
    strings[key] = parseId(text, `${field}.${key}`);
  }
  return strings;
}
