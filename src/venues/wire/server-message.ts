import { FieldReader } from '../../market/field-reader.js';
import { parseQuote, parseReport, parseTrade } from '../../market/parse.js';
import { ParseError } from '../../market/parse-error.js';
import { parseId, parseSequence, parseText } from '../../market/parse-field.js';
import type { ServerMessage } from './venue-protocol.js';

/** A server message from its parsed JSON; throws ParseError naming the field at fault. */
export function parseServerMessage(value: unknown): ServerMessage {
  const json = new FieldReader(value, 'message');
  const type = json.required('type', parseText);
  switch (type) {
    case 'welcome': {
      const runId = json.required('runId', parseId);
      const venueSeq = json.optional('venueSeq', parseSequence);
      return venueSeq === undefined ? { type, runId } : { type, runId, venueSeq };
    }
    case 'received':
      return { type, id: json.required('id', parseId) };
    case 'report':
      return {
        type,
        venueSeq: json.required('venueSeq', parseSequence),
        report: json.required('report', parseReport),
      };
    case 'reply':
      return { type, id: json.required('id', parseId), result: json.required('result', present) };
    case 'error': {
      const id = json.optional('id', parseId);
      const error = json.required('error', parseText);
      return id === undefined ? { type, error } : { type, id, error };
    }
    case 'quote':
      return { type, quote: json.required('quote', parseQuote) };
    case 'trade':
      return { type, trade: json.required('trade', parseTrade) };
    default:
      throw ParseError.expected(
        'message.type',
        'one of welcome, received, report, reply, error, quote, trade',
        type,
      );
  }
}

function present(value: unknown, field: string): unknown {
  if (value === undefined) throw ParseError.expected(field, 'a value', value);
  return value;
}
