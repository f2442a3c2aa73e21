/**
 * The standalone venue's protocol, the one definition both ends import: one JSON object per
 * websocket text message, decimals as strings. Each direction's messages are typed once below, in
 * the form read and the form written; the server reads client messages with client-message.ts, the
 * client reads server messages with server-message.ts.
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
 * - `{type:"hello", id, cancelOnDisconnect}`: this connection's options, sent first after the
 *   welcome (again on every connection: they last as long as it does). With `cancelOnDisconnect`
 *   true, when the connection drops the venue cancels every working order whose submit came on
 *   it; the cancels are reports like any other, logged for the client's `resume`. Servers that
 *   predate it answer with an `error`: they offer no such option.
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
 *   `{cancelOnDisconnect}` for hello (the options now in force), `{complete, venueSeq}` for
 *   resume, after its reports: `complete` is false when the server had
 *   already forgotten some of the reports asked for (it keeps the latest thousands; the client must
 *   then ask fillsSince and orderStatus), `venueSeq` the latest report's sequence.
 * - `{type:"error", id?, error}`: the message could not be read or answered; `error` names the
 *   field at fault. The connection stays up.
 * - `{type:"quote", quote}` and `{type:"trade", trade}`: the venue's own market data, every symbol,
 *   sent to every client, so that exo's algorithms price against the market the venue matches on.
 */

import type { QuoteJSON, ReportJSON, TradeJSON } from '../../market/json.js';
import type { Quote } from '../../market/quote.js';
import type { Report } from '../../market/report.js';
import type { Trade } from '../../market/trade.js';
import type { ChildOrderRequest, ChildReplaceRequest } from '../venue.js';
import type { ChildOrderJSON, ChildReplaceJSON } from './child-request-json.js';

/**
 * A client message whose child requests are `Order` and `Replace`: the one definition behind
 * ClientMessage (as the server reads it) and ClientMessageJSON (as the client writes it).
 */
type ClientMessageOf<Order, Replace> =
  | { readonly type: 'submit'; readonly id: string; readonly order: Order }
  | { readonly type: 'replace'; readonly id: string; readonly replace: Replace }
  | { readonly type: 'cancel'; readonly id: string; readonly clOrdId: string }
  | { readonly type: 'openOrders'; readonly id: string; readonly prefix?: string }
  | { readonly type: 'orderStatus'; readonly id: string; readonly clOrdId: string }
  | { readonly type: 'fillsSince'; readonly id: string; readonly cursor: number }
  | { readonly type: 'fillsOf'; readonly id: string; readonly clOrdId: string }
  | { readonly type: 'ledger'; readonly id: string }
  | { readonly type: 'resume'; readonly id: string; readonly sinceSeq: number }
  | { readonly type: 'hello'; readonly id: string; readonly cancelOnDisconnect: boolean };

/** A client message as the server reads it (see client-message.ts). */
export type ClientMessage = ClientMessageOf<ChildOrderRequest, ChildReplaceRequest>;

/** A client message as written to the wire: decimals as strings. */
export type ClientMessageJSON = ClientMessageOf<ChildOrderJSON, ChildReplaceJSON>;

/**
 * A server message carrying its report, quote and trade as `R`, `Q` and `T`: the one definition
 * behind ServerMessage (as the client reads it) and ServerMessageJSON (as the server writes it).
 */
type ServerMessageOf<R, Q, T> =
  | { readonly type: 'welcome'; readonly runId: string; readonly venueSeq?: number }
  | { readonly type: 'received'; readonly id: string }
  | { readonly type: 'report'; readonly venueSeq: number; readonly report: R }
  | { readonly type: 'reply'; readonly id: string; readonly result: unknown }
  | { readonly type: 'error'; readonly id?: string; readonly error: string }
  | { readonly type: 'quote'; readonly quote: Q }
  | { readonly type: 'trade'; readonly trade: T };

/** A server message as the client reads it (see server-message.ts). */
export type ServerMessage = ServerMessageOf<Report, Quote, Trade>;

/** A server message as written to the wire: decimals as strings. */
export type ServerMessageJSON = ServerMessageOf<ReportJSON, QuoteJSON, TradeJSON>;
