import { FieldReader } from '../../market/field-reader.js';
import { ParseError } from '../../market/parse-error.js';
import { parseFlag, parseId, parseSequence, parseText } from '../../market/parse-field.js';
import { parseChildOrder, parseChildReplace } from './child-request-json.js';
import type { ClientMessage } from './venue-protocol.js';

/** A client message from its parsed JSON; throws ParseError naming the field at fault. */
export function parseClientMessage(value: unknown): ClientMessage {
  const json = new FieldReader(value, 'message');
  return readBody(json, json.required('id', parseId));
}

/** The request ID of a message that may be malformed, so that a refusal can name its request. */
export function requestIdOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || !Object.hasOwn(value, 'id')) return undefined;
  const { id } = value as { readonly id: unknown };
  return typeof id === 'string' && id !== '' ? id : undefined;
}

function readBody(json: FieldReader, id: string): ClientMessage {
  const type = json.required('type', parseText);
  switch (type) {
    case 'submit':
      return { type, id, order: json.required('order', parseChildOrder) };
    case 'replace':
      return { type, id, replace: json.required('replace', parseChildReplace) };
    case 'cancel':
    case 'orderStatus':
    case 'fillsOf':
      return { type, id, clOrdId: json.required('clOrdId', parseId) };
    case 'openOrders':
      return { type, id, prefix: json.optional('prefix', parseText) ?? '' };
    case 'fillsSince':
      return { type, id, cursor: json.required('cursor', parseSequence) };
    case 'ledger':
      return { type, id };
    case 'resume':
      return { type, id, sinceSeq: json.required('sinceSeq', parseSequence) };
    case 'hello':
      return { type, id, cancelOnDisconnect: json.required('cancelOnDisconnect', parseFlag) };
    default:
      throw ParseError.expected(
        'message.type',
        'one of submit, replace, cancel, openOrders, orderStatus, fillsSince, fillsOf, ledger, resume, hello',
        type,
      );
  }
}
