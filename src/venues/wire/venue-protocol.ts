import { FieldReader } from '../../market/field-reader.js';
import type { QuoteJSON, ReportJSON, TradeJSON } from '../../market/json.js';
import { ParseError } from '../../market/parse-error.js';
import { parseId, parseSequence, parseText } from '../../market/parse-field.js';
import type { ChildOrderRequest, ChildReplaceRequest } from '../venue.js';
import type { ChildOrderJSON, ChildReplaceJSON } from './child-request-json.js';
import { parseChildOrder, parseChildReplace } from './child-request-json.js';

/**
 * The standalone venue's protocol: one JSON object per websocket text message, decimals as strings.
 *
 * Client → server. Every message carries an `id`, unique across all of a client's sessions (the
 * server remembers recent ones and ignores a repeated child request, so a client may re-send any it
 * is unsure of after a reconnect):
 * - `{type:"submit", id, order:{clOrdId, parentId, symbol, side, quantity, limitPrice?, timeInForce}}`
 * - `{type:"replace", id, replace:{clOrdId, quantity?, limitPrice?}}`
 * - `{type:"cancel", id, clOrdId}`
 * - `{type:"openOrders", id, prefix?}`, `{type:"orderStatus", id, clOrdId}`,
 *   `{type:"fillsSince", id, cursor}`, `{type:"fillsOf", id, clOrdId}`, `{type:"ledger", id}`
 * - `{type:"resume", id, sinceSeq}`: after reconnecting to the same run, asks for the reports made
 *   while away. The server at once sends this client every report it still holds with a sequence
 *   above `sinceSeq`, as ordinary `report` messages in sequence order, then the reply. Reports
 *   broadcast between the welcome and the resume come twice (live and replayed): a client drops a
 *   sequence it already has. Servers that predate it answer with an `error`.
 *
 * Server → client:
 * - `{type:"welcome", runId, venueSeq?}`: the first message on every connection. `runId` is random
 *   and new every time the venue process starts: the venue keeps its book in memory, so a client
 *   that finds a different run after reconnecting knows every order it had there is gone. A client
 *   should send nothing before it (a server that predates it sends other messages first).
 *   `venueSeq` is the sequence of the latest report made before this connection: every later one
 *   comes on it, so a client that has had no report yet resumes from there. Older servers omit it.
 * - `{type:"received", id}`: a child request reached the venue (its outcome comes as reports).
 * - `{type:"report", venueSeq, report}`: an execution report, sent to every connected client;
 *   `venueSeq` rises by one with every report the venue makes, connected clients or not. A run
 *   starts its sequence from the wall clock (ms × 1000), above every sequence of earlier runs, so
 *   a `fillsSince` cursor kept from an earlier run skips none of the new run's fills.
 * - `{type:"reply", id, result}`: a query's answer: `{orders}` for openOrders, `{order?}` for
 *   orderStatus, `{fills, cursor}` for fillsSince, `{fills}` for fillsOf (every fill of that
 *   child the venue still remembers, in sequence order; servers that predate it answer with an
 *   `error`), `{orders, fills}` for ledger, and
 *   `{complete, venueSeq}` for resume, after its reports: `complete` is false when the server had
 *   already forgotten some of the reports asked for (it keeps the latest thousands; the client must
 *   then ask fillsSince and orderStatus), `venueSeq` the latest report's sequence.
 * - `{type:"error", id?, error}`: the message could not be read or answered; `error` names the
 *   field at fault. The connection stays up.
 * - `{type:"quote", quote}` and `{type:"trade", trade}`: the venue's own market data, every symbol,
 *   sent to every client, so that exo's algorithms price against the market the venue matches on.
 */
export type ClientMessage =
  | { readonly type: 'submit'; readonly id: string; readonly order: ChildOrderRequest }
  | { readonly type: 'replace'; readonly id: string; readonly replace: ChildReplaceRequest }
  | { readonly type: 'cancel'; readonly id: string; readonly clOrdId: string }
  | { readonly type: 'openOrders'; readonly id: string; readonly prefix: string }
  | { readonly type: 'orderStatus'; readonly id: string; readonly clOrdId: string }
  | { readonly type: 'fillsSince'; readonly id: string; readonly cursor: number }
  | { readonly type: 'fillsOf'; readonly id: string; readonly clOrdId: string }
  | { readonly type: 'ledger'; readonly id: string }
  | { readonly type: 'resume'; readonly id: string; readonly sinceSeq: number };

/** A client message as written to the wire. */
export type ClientMessageJSON =
  | { readonly type: 'submit'; readonly id: string; readonly order: ChildOrderJSON }
  | { readonly type: 'replace'; readonly id: string; readonly replace: ChildReplaceJSON }
  | { readonly type: 'cancel'; readonly id: string; readonly clOrdId: string }
  | { readonly type: 'openOrders'; readonly id: string; readonly prefix?: string }
  | { readonly type: 'orderStatus'; readonly id: string; readonly clOrdId: string }
  | { readonly type: 'fillsSince'; readonly id: string; readonly cursor: number }
  | { readonly type: 'fillsOf'; readonly id: string; readonly clOrdId: string }
  | { readonly type: 'ledger'; readonly id: string }
  | { readonly type: 'resume'; readonly id: string; readonly sinceSeq: number };

/** A server message as written to the wire. */
export type ServerMessageJSON =
  | { readonly type: 'welcome'; readonly runId: string; readonly venueSeq?: number }
  | { readonly type: 'received'; readonly id: string }
  | { readonly type: 'report'; readonly venueSeq: number; readonly report: ReportJSON }
  | { readonly type: 'reply'; readonly id: string; readonly result: unknown }
  | { readonly type: 'error'; readonly id?: string; readonly error: string }
  | { readonly type: 'quote'; readonly quote: QuoteJSON }
  | { readonly type: 'trade'; readonly trade: TradeJSON };

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
    default:
      throw ParseError.expected(
        'message.type',
        'one of submit, replace, cancel, openOrders, orderStatus, fillsSince, fillsOf, ledger, resume',
        type,
      );
  }
}
