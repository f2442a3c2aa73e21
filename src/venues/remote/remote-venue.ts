import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { type CancelTimer, type Clock, RealClock } from '../../core/clock.js';
import type { ExecType } from '../../market/exec-type.js';
import { FieldReader } from '../../market/field-reader.js';
import { ParseError } from '../../market/parse-error.js';
import type { Report } from '../../market/report.js';
import { Backoff } from '../../util/backoff.js';
import { parentIdOf } from '../child-id.js';
import type { PaperLedger } from '../paper/paper-ledger.js';
import type { ChildOrderRequest, ChildReplaceRequest, ReportSink, Venue } from '../venue.js';
import { VenueClosedError } from '../venue-closed-error.js';
import type { FillsPage, VenueFill, VenueOrderStatus } from '../venue-queries.js';
import { childOrderToJSON, childReplaceToJSON } from '../wire/child-request-json.js';
import { parseServerMessage } from '../wire/server-message.js';
import {
  parseChildFills,
  parseFillsPage,
  parseLedger,
  parseOrderStatus,
} from '../wire/venue-answer-json.js';
import type { ClientMessageJSON, ServerMessage } from '../wire/venue-protocol.js';
import { ReportCatchUp } from './catch-up.js';
import { VenueRequestError, VenueTimeoutError } from './remote-errors.js';
import { RemoteMarketData } from './remote-market-data.js';
import { SentChildren } from './sent-children.js';

/** The text of the reports that end the children a restarted venue lost. */
export const VENUE_RESTARTED_TEXT = 'venue restarted: order lost';

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
}

/** A child request waiting for the server's `received`, with how to refuse it if the server cannot read it. */
interface ChildEntry {
  readonly kind: 'child';
  readonly clOrdId: string;
  /** A submit, whose confirmation means the venue holds the child. */
  readonly submit: boolean;
  readonly text: string;
  readonly refuse: (reason: string) => void;
}

/** A query waiting for its reply. */
interface QueryEntry {
  readonly kind: 'query';
  readonly text: string;
  readonly name: string;
  readonly answer: (result: unknown) => void;
  readonly fail: (error: Error) => void;
  readonly cancelTimeout: CancelTimer;
}

/**
 * A venue in another process, reached over the venue protocol (see wire/venue-protocol.ts).
 * Requests never wait: while the connection is down they queue, and every child request is sent
 * again after each reconnect until the server confirms it (the server ignores repeats by request
 * ID), so none is lost or doubled. Queries are re-sent the same way but fail with
 * VenueTimeoutError after `queryTimeoutMs`.
 *
 * Reports reach the sink at most once per venue sequence, in sequence order. After reconnecting to
 * the same run it catches up on the reports made while it was away, replayed by the server (or,
 * from a server that cannot, the missed fills and ends rebuilt from its queries): see catch-up.ts.
 *
 * On each connection it sends nothing until the server's welcome names the venue's run. A new run
 * means the venue process restarted with an empty book: every child the old run had taken and not
 * seen to end is reported ended (`canceled`, or `rejected` if never acknowledged, with
 * VENUE_RESTARTED_TEXT) and requests still queued for them are dropped, so their parents re-plan;
 * children the old run never took are sent to the new one.
 */
export class RemoteVenue implements Venue {
  readonly name: string;
  /** The venue's market data (every symbol it lists), to subscribe the dispatcher to. */
  readonly marketData = new RemoteMarketData();
  readonly #url: string;
  readonly #clock: Clock;
  readonly #queryTimeoutMs: number;
  readonly #backoff: Backoff;
  readonly #onProblem: (problem: string) => void;
  /** Unique to this client, so request IDs never collide with another exo's at the server. */
  readonly #session = randomUUID();
  readonly #waiting = new Map<string, ChildEntry | QueryEntry>();
  readonly #children = new SentChildren();
  readonly #catchUp: ReportCatchUp;
  #sink: ReportSink | undefined;
  /** The latest connection, open or still opening. */
  #socket: WebSocket | undefined;
  /** Whether the latest connection is open and its run known, so that requests may go out. */
  #ready = false;
  #runId: string | undefined;
  #restarts = 0;
  #cancelReconnect: CancelTimer | undefined;
  #requests = 0;
  #lastVenueSeq = 0;
  #connections = 0;
  #closed = false;

  constructor(options: RemoteVenueOptions) {
    const { initialMs, maxMs } = options.reconnect ?? { initialMs: 100, maxMs: 5000 };
    this.name = options.name ?? 'remote';
    this.#url = options.url;
    this.#clock = options.clock ?? new RealClock();
    this.#queryTimeoutMs = options.queryTimeoutMs ?? 5000;
    this.#backoff = new Backoff(initialMs, maxMs);
    this.#onProblem = options.onProblem ?? (() => {});
    this.#catchUp = new ReportCatchUp({
      name: this.name,
      clock: this.#clock,
      timeoutMs: this.#queryTimeoutMs,
      children: this.#children,
      queries: {
        fillsSince: (cursor) => this.fillsSince(cursor),
        orderStatus: (clOrdId) => this.#statusOf(clOrdId, false),
      },
      onProblem: this.#onProblem,
      deliver: (report, venueSeq) => this.#deliver(report, venueSeq),
      nextId: () => this.#nextId(),
    });
    this.#connect();
  }

  /** Whether the connection to the venue is up now. */
  get connected(): boolean {
    return this.#socket?.readyState === WebSocket.OPEN;
  }

  /** How many times a connection has opened: 2 after the first reconnect. */
  get connections(): number {
    return this.#connections;
  }

  /** The highest venue sequence of any report received (held ones too): where to ask `fillsSince` from. */
  get lastVenueSeq(): number {
    return this.#lastVenueSeq;
  }

  /** Whether reports are held while it catches up on what a dropped connection missed. */
  get catchingUp(): boolean {
    return this.#catchUp.holding;
  }

  /** Child requests and queries not yet confirmed or answered. */
  get unconfirmed(): number {
    return this.#waiting.size;
  }

  /** The run of the venue process last connected to, from its welcome; undefined before one. */
  get runId(): string | undefined {
    return this.#runId;
  }

  /** How many times a reconnection found a new run: the venue restarted and lost its book. */
  get restarts(): number {
    return this.#restarts;
  }

  /** Children sent and not seen to end: the ones a venue restart would end or send again. */
  get working(): number {
    return this.#children.size;
  }

  onReport(sink: ReportSink): void {
    this.#sink = sink;
  }

  submit(request: ChildOrderRequest): void {
    const { clOrdId, parentId } = request;
    this.#children.sent(clOrdId, parentId);
    this.#child(
      { type: 'submit', id: this.#nextId(), order: childOrderToJSON(request) },
      clOrdId,
      (reason) => this.#refusal(parentId, clOrdId, 'rejected', reason),
    );
  }

  replace(request: ChildReplaceRequest): void {
    const replace = childReplaceToJSON(request);
    this.#child({ type: 'replace', id: this.#nextId(), replace }, request.clOrdId, (reason) =>
      this.#refusal(undefined, request.clOrdId, 'replace_rejected', reason),
    );
  }

  cancel(clOrdId: string): void {
    this.#child({ type: 'cancel', id: this.#nextId(), clOrdId }, clOrdId, (reason) =>
      this.#refusal(undefined, clOrdId, 'cancel_rejected', reason),
    );
  }

  openOrders(prefix = ''): Promise<VenueOrderStatus[]> {
    return this.#query({ type: 'openOrders', id: this.#nextId(), prefix }, (result) =>
      new FieldReader(result, 'reply.result').list('orders', parseOrderStatus),
    );
  }

  orderStatus(clOrdId: string): Promise<VenueOrderStatus | undefined> {
    // Followed from here, so that a child adopted after exo restarted ends with a venue restart.
    return this.#statusOf(clOrdId, true);
  }

  fillsSince(cursor: number): Promise<FillsPage> {
    return this.#query({ type: 'fillsSince', id: this.#nextId(), cursor }, (result) =>
      parseFillsPage(result, 'reply.result'),
    );
  }

  /**
   * One child's fills that the venue remembers, in sequence order. A server that predates the
   * query refuses it, failing it with VenueRequestError.
   */
  fillsOf(clOrdId: string): Promise<VenueFill[]> {
    return this.#query({ type: 'fillsOf', id: this.#nextId(), clOrdId }, (result) =>
      parseChildFills(result, 'reply.result'),
    );
  }

  /** The venue's whole ledger: every order it took and every fill. */
  ledger(): Promise<PaperLedger> {
    return this.#query({ type: 'ledger', id: this.#nextId() }, (result) =>
      parseLedger(result, 'reply.result'),
    );
  }

  /**
   * Disconnects for good and fails unanswered queries with VenueClosedError. Child requests the
   * server has not confirmed are dropped, and named to `onProblem`.
   */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#cancelReconnect?.();
    this.#catchUp.dropped();
    const socket = this.#socket;
    this.#socket = undefined;
    for (const [id, entry] of this.#waiting) {
      if (entry.kind === 'query') {
        entry.cancelTimeout();
        entry.fail(new VenueClosedError(this.name));
      } else {
        this.#onProblem(`closed before the venue confirmed request ${id}: ${entry.text}`);
      }
    }
    this.#waiting.clear();
    if (socket !== undefined) await closed(socket);
  }

  #statusOf(clOrdId: string, follow: boolean): Promise<VenueOrderStatus | undefined> {
    return this.#query({ type: 'orderStatus', id: this.#nextId(), clOrdId }, (result) => {
      const order = new FieldReader(result, 'reply.result').optional('order', parseOrderStatus);
      if (follow && order !== undefined) {
        this.#children.status(order.clOrdId, order.parentId, order.status);
      }
      return order;
    });
  }

  #nextId(): string {
    return `${this.#session}:${++this.#requests}`;
  }

  #child(message: ClientMessageJSON, clOrdId: string, refuse: (reason: string) => void): void {
    if (this.#closed) {
      refuse(`venue ${this.name} is closed`);
      return;
    }
    const text = JSON.stringify(message);
    const submit = message.type === 'submit';
    this.#enqueue(message.id, { kind: 'child', clOrdId, submit, text, refuse });
  }

  #query<T>(message: ClientMessageJSON, read: (result: unknown) => T): Promise<T> {
    if (this.#closed) return Promise.reject(new VenueClosedError(this.name));
    const { id, type } = message;
    return new Promise<T>((resolve, reject) => {
      const cancelTimeout = this.#clock.setTimer(this.#clock.now() + this.#queryTimeoutMs, () => {
        this.#waiting.delete(id);
        reject(new VenueTimeoutError(this.name, type, this.#queryTimeoutMs));
      });
      const answer = (result: unknown) => {
        try {
          resolve(read(result));
        } catch (error) {
          reject(
            error instanceof ParseError
              ? new VenueRequestError(this.name, type, error.message)
              : error,
          );
        }
      };
      this.#enqueue(id, {
        kind: 'query',
        text: JSON.stringify(message),
        name: type,
        answer,
        fail: reject,
        cancelTimeout,
      });
    });
  }

  #enqueue(id: string, entry: ChildEntry | QueryEntry): void {
    this.#waiting.set(id, entry);
    if (this.#ready) this.#socket!.send(entry.text);
  }

  #connect(): void {
    this.#cancelReconnect = undefined;
    const socket = new WebSocket(this.#url);
    this.#socket = socket;
    this.#ready = false;
    socket.on('open', () => this.#opened());
    socket.on('message', (data) => this.#receive(String(data)));
    socket.on('error', () => {});
    socket.on('close', () => this.#dropped(socket));
  }

  #opened(): void {
    this.#connections++;
    this.#backoff.reset();
  }

  /**
   * The server named its run and its latest report. The same run as before: catch up on what the
   * dropped connection missed. A new one lost every child the old one held. Then requests go out.
   */
  #welcomed(runId: string, head: number | undefined): void {
    const previous = this.#runId;
    this.#runId = runId;
    if (previous === runId) {
      this.#catchUp.resume(this.#socket!);
    } else {
      // What the old run sent before the connection dropped comes before the ends of what it lost.
      this.#catchUp.newRun(head ?? 0);
      if (previous !== undefined) this.#restarted();
    }
    this.#flush();
  }

  #deliver(report: Report, venueSeq: number | undefined): void {
    this.#children.reported(report);
    this.#sink?.(report, venueSeq);
  }

  /** Sends every waiting request, and from now on each as it comes. */
  #flush(): void {
    const socket = this.#socket;
    if (socket === undefined || socket.readyState !== WebSocket.OPEN) return;
    this.#ready = true;
    for (const entry of this.#waiting.values()) socket.send(entry.text);
  }

  #restarted(): void {
    this.#restarts++;
    const lost = this.#children.takeLost();
    const gone = new Set(lost.map((child) => child.clOrdId));
    for (const [id, entry] of this.#waiting) {
      if (entry.kind === 'child' && gone.has(entry.clOrdId)) this.#waiting.delete(id);
    }
    for (const { clOrdId, parentId, end } of lost) {
      this.#sink?.({
        orderId: parentId,
        clOrdId,
        execType: end,
        status: end,
        transactTime: this.#clock.now(),
        text: VENUE_RESTARTED_TEXT,
      });
    }
  }

  #dropped(socket: WebSocket): void {
    if (this.#socket !== socket || this.#closed) return;
    this.#socket = undefined;
    this.#ready = false;
    this.#catchUp.dropped();
    this.#cancelReconnect = this.#clock.setTimer(this.#clock.now() + this.#backoff.next(), () =>
      this.#connect(),
    );
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
      this.#welcomed(message.runId, message.venueSeq);
      return;
    }
    // A server that predates the welcome starts with something else: its run cannot be known.
    if (!this.#ready) this.#flush();
    if (message.type === 'quote') {
      this.marketData.quote(message.quote);
      return;
    }
    if (message.type === 'trade') {
      this.marketData.trade(message.trade);
      return;
    }
    if (message.type === 'report') {
      this.#lastVenueSeq = Math.max(this.#lastVenueSeq, message.venueSeq);
      this.#catchUp.receive(message.venueSeq, message.report);
      return;
    }
    if (message.type !== 'received' && this.#catchUp.answer(message)) return;
    const entry = message.id === undefined ? undefined : this.#waiting.get(message.id);
    if (entry === undefined) {
      if (message.type === 'error') this.#onProblem(`venue ${this.name}: ${message.error}`);
      return;
    }
    this.#waiting.delete(message.id!);
    if (entry.kind === 'child') {
      if (message.type === 'error') entry.refuse(message.error);
      else if (entry.submit) this.#children.taken(entry.clOrdId);
      return;
    }
    entry.cancelTimeout();
    if (message.type === 'reply') entry.answer(message.result);
    else
      entry.fail(
        new VenueRequestError(
          this.name,
          entry.name,
          message.type === 'error' ? message.error : `unexpected ${message.type}`,
        ),
      );
  }

  /** A refusal of a child request the venue could not read, reported as the venue would. */
  #refusal(
    parentId: string | undefined,
    clOrdId: string,
    execType: ExecType,
    reason: string,
  ): void {
    if (execType === 'rejected') this.#children.forget(clOrdId);
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

/** Resolves once the socket has closed, cutting it (or its opening handshake) short if need be. */
function closed(socket: WebSocket): Promise<void> {
  if (socket.readyState === WebSocket.CLOSED) return Promise.resolve();
  return new Promise((resolve) => {
    socket.once('close', () => resolve());
    socket.terminate();
  });
}
