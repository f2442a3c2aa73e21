import { type Clock, RealClock } from '../../core/clock.js';
import type { ExecType } from '../../market/exec-type.js';
import { FieldReader } from '../../market/field-reader.js';
import { parentIdOf } from '../child-id.js';
import type { PaperLedger } from '../paper/index.js';
import {
  type SequencedFill,
  type SequencedPage,
  sequenceCovers,
  sequenceCursor,
  sequenceOf,
} from '../sequence-cursor.js';
import type {
  ChildOrderRequest,
  ChildReplaceRequest,
  ConnectionListener,
  ReportSink,
  Venue,
  VenueLink,
} from '../venue.js';
import type { VenueFill, VenueOrderStatus } from '../venue-queries.js';
import { childOrderToJSON, childReplaceToJSON } from '../wire/child-request-json.js';
import { parseServerMessage } from '../wire/server-message.js';
import {
  parseChildFills,
  parseFillsPage,
  parseLedger,
  parseOrderStatus,
} from '../wire/venue-answer-json.js';
import type { ServerMessage } from '../wire/venue-protocol.js';
import { RemoteMarketData } from './remote-market-data.js';
import { RemoteSocket } from './remote-socket.js';
import { RequestBook } from './request-book.js';
import { RestartPolicy } from './restart-policy.js';
import { SessionHello } from './session-hello.js';

/** How to reach a standalone venue. */
export interface RemoteVenueOptions {
  /** The venue server's URL, such as `ws://127.0.0.1:9100`. */
  readonly url: string;
  /** The venue's name in exo. Default `remote`. */
  readonly name?: string;
  /** How long a query may wait for its answer, connected or not. Default 5000. */
  readonly queryTimeoutMs?: number;
  /** The first and the longest wait between reconnection attempts. Default 100 and 5000 ms. */
  readonly reconnect?: { readonly initialMs: number; readonly maxMs: number };
  /** Where timers come from. Default the wall clock. */
  readonly clock?: Clock;
  /** Told of what the server sent that could not be read or matched. Default: nothing. */
  readonly onProblem?: (problem: string) => void;
  /**
   * Asks the venue, on every connection, to cancel the working orders sent on it when it drops
   * (see SessionHello). Default false.
   */
  readonly cancelOnDisconnect?: boolean;
}

/**
 * A venue in another process, reached over the venue protocol (see wire/venue-protocol.ts): the
 * composition of a socket kept up (remote-socket.ts), the requests waiting for answers
 * (request-book.ts) and what follows from the venue's runs (restart-policy.ts). Requests never
 * wait: while the connection is down they queue, and every child request is sent again after each
 * reconnect until the server confirms it, so none is lost or doubled; queries fail with
 * VenueTimeoutError after `queryTimeoutMs`. On each connection it sends nothing until the
 * server's welcome names the venue's run; then its hello, when it asks for cancel-on-disconnect
 * (session-hello.ts): the same run is caught up on, a new one ends the children the old one lost.
 * Reports reach the sink at most once per venue sequence, in order.
 */
export class RemoteVenue implements Venue {
  readonly name: string;
  /** The venue's market data (every symbol it lists), to subscribe the dispatcher to. */
  readonly marketData = new RemoteMarketData();
  readonly #clock: Clock;
  readonly #onProblem: (problem: string) => void;
  readonly #requests: RequestBook;
  readonly #runs: RestartPolicy;
  readonly #socket: RemoteSocket;
  readonly #hello: SessionHello;
  readonly #connectionListeners = new Set<ConnectionListener>();
  /** What the connection listeners were last told. */
  #up = false;
  #sink: ReportSink | undefined;

  constructor(options: RemoteVenueOptions) {
    this.name = options.name ?? 'remote';
    this.#clock = options.clock ?? new RealClock();
    this.#onProblem = options.onProblem ?? (() => {});
    const timeoutMs = options.queryTimeoutMs ?? 5000;
    const common = { name: this.name, clock: this.#clock, timeoutMs, onProblem: this.#onProblem };
    this.#requests = new RequestBook({ ...common, send: (text) => this.#socket.send(text) });
    this.#runs = new RestartPolicy({
      ...common,
      queries: {
        fillsSince: (cursor) => this.fillsSince(cursor),
        orderStatus: (clOrdId) => this.#statusOf(clOrdId, false),
      },
      nextId: () => this.#requests.nextId(),
      send: (text) => this.#socket.send(text),
      reconnect: () => this.#socket.reconnect(),
      dropRequests: (clOrdIds) => this.#requests.dropChildren(clOrdIds),
      report: (report, venueSeq) =>
        this.#sink?.(report, venueSeq === undefined ? undefined : sequenceCursor(venueSeq)),
    });
    this.#hello = new SessionHello({
      name: this.name,
      cancelOnDisconnect: options.cancelOnDisconnect ?? false,
      onProblem: this.#onProblem,
      nextId: () => this.#requests.nextId(),
      send: (text) => this.#socket.send(text),
    });
    this.#socket = new RemoteSocket(
      {
        url: options.url,
        clock: this.#clock,
        reconnect: options.reconnect ?? { initialMs: 100, maxMs: 5000 },
      },
      {
        opened: () => this.#connectionChanged(true),
        frame: (text) => this.#receive(text),
        dropped: () => this.#dropped(),
      },
    );
  }

  /** Whether the connection to the venue is up now. */
  get connected(): boolean {
    return this.#socket.open;
  }

  /** How many times a connection has opened: 2 after the first reconnect. */
  get connections(): number {
    return this.#socket.connections;
  }

  /** Whether the venue confirmed it cancels the orders sent on the current connection if it drops. */
  get cancelsOnDisconnect(): boolean {
    return this.#hello.cancelsOnDisconnect;
  }

  /** The highest venue sequence of any report received (held ones too): where to ask `fillsSince` from. */
  get lastVenueSeq(): number {
    return this.#runs.lastVenueSeq;
  }

  /** Whether reports are held while it catches up on what a dropped connection missed. */
  get catchingUp(): boolean {
    return this.#runs.catchingUp;
  }

  /** Child requests and queries not yet confirmed or answered. */
  get unconfirmed(): number {
    return this.#requests.size;
  }

  /** The run of the venue process last connected to, from its welcome; undefined before one. */
  get runId(): string | undefined {
    return this.#runs.runId;
  }

  /** How many times a reconnection found a new run: the venue restarted and lost its book. */
  get restarts(): number {
    return this.#runs.restarts;
  }

  /** Children sent and not seen to end: the ones a venue restart would end or send again. */
  get working(): number {
    return this.#runs.children.size;
  }

  /** The link as the getters above see it now: see Venue.link. */
  link(): VenueLink {
    return {
      connected: this.connected,
      connections: this.connections,
      restarts: this.restarts,
      working: this.working,
      unconfirmed: this.unconfirmed,
      catchingUp: this.catchingUp,
    };
  }

  onReport(sink: ReportSink): void {
    this.#sink = sink;
  }

  /** Up when a connection opens, down when it drops (not when closed for good): see Venue. */
  onConnection(listener: ConnectionListener): () => void {
    this.#connectionListeners.add(listener);
    listener(this.#up);
    return () => {
      this.#connectionListeners.delete(listener);
    };
  }

  submit(request: ChildOrderRequest): void {
    const { clOrdId, parentId } = request;
    this.#runs.children.sent(clOrdId, parentId);
    const order = childOrderToJSON(request);
    this.#requests.child({ type: 'submit', id: this.#requests.nextId(), order }, clOrdId, {
      confirmed: () => this.#runs.children.taken(clOrdId),
      refused: (reason) => this.#refusal(parentId, clOrdId, 'rejected', reason),
    });
  }

  replace(request: ChildReplaceRequest): void {
    const { clOrdId } = request;
    const replace = childReplaceToJSON(request);
    this.#requests.child({ type: 'replace', id: this.#requests.nextId(), replace }, clOrdId, {
      refused: (reason) => this.#refusal(undefined, clOrdId, 'replace_rejected', reason),
    });
  }

  cancel(clOrdId: string): void {
    this.#requests.child({ type: 'cancel', id: this.#requests.nextId(), clOrdId }, clOrdId, {
      refused: (reason) => this.#refusal(undefined, clOrdId, 'cancel_rejected', reason),
    });
  }

  openOrders(prefix = ''): Promise<VenueOrderStatus[]> {
    return this.#requests.query(
      { type: 'openOrders', id: this.#requests.nextId(), prefix },
      (result) => new FieldReader(result, 'reply.result').list('orders', parseOrderStatus),
    );
  }

  orderStatus(clOrdId: string): Promise<VenueOrderStatus | undefined> {
    // Followed from here, so that a child adopted after exo restarted ends with a venue restart.
    return this.#statusOf(clOrdId, true);
  }

  /** The standalone venue's cursors are its report sequences (see sequenceCursor). */
  fillsSince(cursor?: string): Promise<SequencedPage> {
    let after: number;
    try {
      after = sequenceOf(cursor);
    } catch (error) {
      return Promise.reject(error);
    }
    return this.#requests.query(
      { type: 'fillsSince', id: this.#requests.nextId(), cursor: after },
      (result) => parseFillsPage(result, 'reply.result'),
    );
  }

  /** Its cursors are report sequences, so they are ordered: see Venue.cursorCovers. */
  cursorCovers(cursor: string, fill: VenueFill): boolean {
    return sequenceCovers(cursor, fill);
  }

  /**
   * One child's fills that the venue remembers, in sequence order. A server that predates the
   * query refuses it, failing it with VenueRequestError.
   */
  fillsOf(clOrdId: string): Promise<SequencedFill[]> {
    return this.#requests.query(
      { type: 'fillsOf', id: this.#requests.nextId(), clOrdId },
      (result) => parseChildFills(result, 'reply.result'),
    );
  }

  /** The venue's whole ledger: every order it took and every fill. */
  ledger(): Promise<PaperLedger> {
    return this.#requests.query({ type: 'ledger', id: this.#requests.nextId() }, (result) =>
      parseLedger(result, 'reply.result'),
    );
  }

  /**
   * Disconnects for good and fails unanswered queries with VenueClosedError. Child requests the
   * server has not confirmed are dropped, and named to `onProblem`.
   */
  async close(): Promise<void> {
    const closing = this.#socket.close();
    this.#runs.dropped();
    this.#requests.close();
    await closing;
  }

  #statusOf(clOrdId: string, follow: boolean): Promise<VenueOrderStatus | undefined> {
    const id = this.#requests.nextId();
    return this.#requests.query({ type: 'orderStatus', id, clOrdId }, (result) => {
      const order = new FieldReader(result, 'reply.result').optional('order', parseOrderStatus);
      if (follow && order !== undefined) {
        this.#runs.children.status(order.clOrdId, order.parentId, order.status);
      }
      return order;
    });
  }

  /** Sends every waiting request, and from now on each as it comes, once the connection is open. */
  #flush(): void {
    if (this.#socket.open) this.#requests.flush();
  }

  #dropped(): void {
    this.#requests.hold();
    this.#runs.dropped();
    this.#connectionChanged(false);
  }

  #connectionChanged(up: boolean): void {
    if (up === this.#up) return;
    this.#up = up;
    for (const listener of [...this.#connectionListeners]) listener(up);
  }

  #receive(text: string): void {
    let message: ServerMessage;
    try {
      message = parseServerMessage(JSON.parse(text));
    } catch (error) {
      this.#onProblem(`unreadable message from venue ${this.name}: ${describeError(error)}`);
      return;
    }
    if (message.type === 'welcome') {
      // The run is known: the session's options, then catching up, or ending what a restart
      // lost, come before any request.
      this.#hello.welcomed();
      this.#runs.welcomed(message.runId, message.venueSeq);
      this.#flush();
      return;
    }
    // A server that predates the welcome starts with something else: its run cannot be known.
    if (this.#requests.holding) this.#flush();
    if (message.type === 'quote') this.marketData.quote(message.quote);
    else if (message.type === 'trade') this.marketData.trade(message.trade);
    else if (message.type === 'report') this.#runs.report(message.venueSeq, message.report);
    else if (
      message.type === 'received' ||
      !(this.#hello.answer(message) || this.#runs.answer(message))
    ) {
      this.#requests.answer(message);
    }
  }

  /** A refusal of a child request the venue could not read, reported as the venue would. */
  #refusal(
    parentId: string | undefined,
    clOrdId: string,
    execType: ExecType,
    reason: string,
  ): void {
    if (execType === 'rejected') this.#runs.children.forget(clOrdId);
    this.#sink?.({
      orderId: parentId ?? parentIdOf(clOrdId),
      clOrdId,
      execType,
      status: execType === 'rejected' ? 'rejected' : 'new',
      transactTime: this.#clock.now(),
      text: `venue ${this.name} refused the request: ${reason}`,
    });
  }
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
