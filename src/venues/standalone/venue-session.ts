import type { WebSocket } from 'ws';
import { ParseError } from '../../market/parse-error.js';
import type { RecentIds } from '../../util/recent-ids.js';
import type { PaperVenue } from '../paper/paper-venue.js';
import { sequenceCursor, sequenceOf } from '../sequence-cursor.js';
import { parseClientMessage, requestIdOf } from '../wire/client-message.js';
import {
  fillToJSON,
  type HelloJSON,
  orderStatusToJSON,
  type ResumeJSON,
} from '../wire/venue-answer-json.js';
import type { ClientMessage, ServerMessageJSON } from '../wire/venue-protocol.js';
import type { OrderOwners } from './order-owners.js';
import type { ReportLog } from './report-log.js';

/** What every session of one standalone venue shares. */
export interface VenueSessionShared {
  readonly venue: PaperVenue;
  /** The child request IDs seen, on any session, since a client re-sends after reconnecting. */
  readonly received: RecentIds;
  /** The venue's log of the report messages it broadcast. */
  readonly reports: ReportLog;
  /** Which session sent each working order. */
  readonly owners: OrderOwners<VenueSession>;
}

/**
 * One client connection to the standalone venue: reads its messages, hands child requests to the
 * venue (once per request ID, however often they are re-sent), answers its queries, replays the
 * reports a reconnecting client missed, and refuses malformed messages with an error naming the
 * field, never closing the connection over one. A client that asked for cancel-on-disconnect in
 * its hello has its working orders cancelled when the connection ends (`ended`).
 */
export class VenueSession {
  readonly #socket: WebSocket;
  readonly #venue: PaperVenue;
  readonly #received: RecentIds;
  readonly #reports: ReportLog;
  readonly #owners: OrderOwners<VenueSession>;
  #cancelOnDisconnect = false;

  constructor(socket: WebSocket, shared: VenueSessionShared) {
    this.#socket = socket;
    this.#venue = shared.venue;
    this.#received = shared.received;
    this.#reports = shared.reports;
    this.#owners = shared.owners;
    socket.on('message', (data, isBinary) => this.#onMessage(String(data), isBinary));
  }

  /**
   * The connection ended: the orders it sent are no longer its own, and with cancel-on-disconnect
   * each one still working is cancelled (its report goes out, and into the log, as any other).
   */
  ended(): void {
    const owned = this.#owners.release(this);
    if (this.#cancelOnDisconnect) for (const clOrdId of owned) this.#venue.cancel(clOrdId);
  }

  /** Sends an already serialised message, if the connection is still open. */
  sendText(text: string): void {
    if (this.#socket.readyState === this.#socket.OPEN) this.#socket.send(text);
  }

  #send(message: ServerMessageJSON): void {
    this.sendText(JSON.stringify(message));
  }

  #onMessage(text: string, isBinary: boolean): void {
    if (isBinary) {
      this.#send({ type: 'error', error: 'message: expected a JSON text message, got binary' });
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      this.#send({ type: 'error', error: 'message: expected JSON, got text that does not parse' });
      return;
    }
    let message: ClientMessage;
    try {
      message = parseClientMessage(value);
    } catch (error) {
      if (!(error instanceof ParseError)) throw error;
      this.#refuse(requestIdOf(value), error.message);
      return;
    }
    this.#handle(message);
  }

  #handle(message: ClientMessage): void {
    switch (message.type) {
      case 'submit':
      case 'replace':
      case 'cancel':
        if (this.#received.add(message.id)) this.#forward(message);
        this.#send({ type: 'received', id: message.id });
        return;
      case 'openOrders':
        this.#answer(message.id, async () => ({
          orders: (await this.#venue.openOrders(message.prefix)).map(orderStatusToJSON),
        }));
        return;
      case 'orderStatus':
        this.#answer(message.id, async () => {
          const order = await this.#venue.orderStatus(message.clOrdId);
          return order === undefined ? {} : { order: orderStatusToJSON(order) };
        });
        return;
      case 'fillsSince':
        this.#answer(message.id, async () => {
          const page = await this.#venue.fillsSince(sequenceCursor(message.cursor));
          return { fills: page.fills.map(fillToJSON), cursor: sequenceOf(page.cursor) };
        });
        return;
      case 'fillsOf':
        this.#answer(message.id, async () => ({
          fills: (await this.#venue.fillsOf(message.clOrdId)).map(fillToJSON),
        }));
        return;
      case 'ledger':
        this.#answer(message.id, async () => {
          const ledger = await this.#venue.dumpLedger();
          return {
            orders: ledger.orders.map(orderStatusToJSON),
            fills: ledger.fills.map(fillToJSON),
          };
        });
        return;
      case 'resume':
        this.#resume(message.id, message.sinceSeq);
        return;
      case 'hello':
        this.#hello(message.id, message.cancelOnDisconnect);
    }
  }

  /**
   * Sends the logged reports after `sinceSeq`, then the reply, all at once: no report is broadcast
   * in between, so what the client holds afterwards lacks none up to the live stream.
   */
  #resume(id: string, sinceSeq: number): void {
    const { messages, complete } = this.#reports.since(sinceSeq);
    for (const text of messages) this.sendText(text);
    const result: ResumeJSON = { complete, venueSeq: this.#reports.head };
    this.#send({ type: 'reply', id, result });
  }

  /** Puts the client's options for this connection in force, and answers with them. */
  #hello(id: string, cancelOnDisconnect: boolean): void {
    this.#cancelOnDisconnect = cancelOnDisconnect;
    const result: HelloJSON = { cancelOnDisconnect };
    this.#send({ type: 'reply', id, result });
  }

  #forward(message: Extract<ClientMessage, { type: 'submit' | 'replace' | 'cancel' }>): void {
    if (message.type === 'submit') {
      this.#owners.sent(message.order.clOrdId, this);
      this.#venue.submit(message.order);
    } else if (message.type === 'replace') this.#venue.replace(message.replace);
    else this.#venue.cancel(message.clOrdId);
  }

  #answer(id: string, query: () => Promise<unknown>): void {
    query().then(
      (result) => this.#send({ type: 'reply', id, result }),
      (error: unknown) => this.#refuse(id, error instanceof Error ? error.message : String(error)),
    );
  }

  #refuse(id: string | undefined, error: string): void {
    this.#send(id === undefined ? { type: 'error', error } : { type: 'error', id, error });
  }
}
