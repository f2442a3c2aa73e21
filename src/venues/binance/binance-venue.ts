import { type Clock, RealClock } from '../../core/clock.js';
import type { Decimal } from '../../market/decimal.js';
import type { Report } from '../../market/report.js';
import { Backoff } from '../../util/backoff.js';
import { parentIdOf } from '../child-id.js';
import { BINANCE_CLIENT_IDS } from '../client-id-format.js';
import type {
  ChildOrderRequest,
  ChildReplaceRequest,
  ConnectionListener,
  FillsPage,
  ReportSink,
  Venue,
  VenueFill,
  VenueLink,
} from '../venue.js';
import type { VenueOrderStatus } from '../venue-queries.js';
import { describe } from './binance-api-error.js';
import { BinanceChild } from './binance-child.js';
import { amountOf, BinanceChildren } from './binance-children.js';
import { BinanceNames } from './binance-names.js';
import { BinanceQueries } from './binance-queries.js';
import { BinanceRest } from './binance-rest.js';
import { BinanceSession } from './binance-session.js';
import { type BinanceSigner, signedWsParams } from './binance-signer.js';
import type { BinanceVenueState } from './binance-state.js';
import type { BinanceEvent, BinanceVenueOptions } from './binance-venue-options.js';
import { OrderEntry } from './order-entry.js';
import {
  amendParams,
  cancelParams,
  cancelReplaceParams,
  placeParams,
  replacementParams,
} from './order-params.js';
import { BINANCE_TIF } from './order-status-json.js';
import { Readiness } from './readiness.js';
import { RequestGate } from './request-gate.js';
import { ServerTime } from './server-time.js';
import {
  type ExchangeRules,
  filterProblem,
  instrumentOf,
  readExchangeInfo,
  type SymbolGrid,
} from './symbol-rules.js';
import { tradeCursorCovers } from './trade-cursor.js';
import { UserStream } from './user-stream.js';

export type { BinanceEvent, BinanceVenueOptions } from './binance-venue-options.js';

/**
 * Binance spot as a Venue: order entry and the user data stream on one WebSocket API session
 * (binance-session.ts), REST for reconciliation and queries (binance-queries.ts). The user data
 * stream is the one source of a child's state; an answer only ever refuses (a `rejected`,
 * `cancel_rejected` or `replace_rejected` carrying Binance's code and message) or leaves the
 * outcome unknown (no answer, -1007, a 5xx: an `unknown` report, never sent again). Requests pass
 * exchangeInfo's filters and rate limits before they leave (request-gate.ts); a 429 pauses them
 * for its Retry-After and sends the refused one again (it was not executed); a 418 stops order
 * entry. A quantity cut at the same price is a keep-priority amend; any other replace is a
 * cancelReplace under the new client ID exo offers (STOP_ON_FAILURE), or, for an order partly
 * filled, a cancel and then a new order for what the cancel's answer left.
 */
export class BinanceVenue implements Venue {
  readonly name = 'binance';
  readonly clientIds = { format: BINANCE_CLIENT_IDS, renamesOnReplace: true };
  readonly names: BinanceNames;
  readonly #clock: Clock;
  readonly #signer: BinanceSigner;
  readonly #recvWindowMs: number;
  readonly #time: ServerTime;
  readonly #rest: BinanceRest;
  readonly #session: BinanceSession;
  readonly #children = new BinanceChildren();
  readonly #queries: BinanceQueries;
  readonly #tradeIds = new Map<string, number>();
  readonly #listeners = new Set<ConnectionListener>();
  readonly #onEvent: (event: BinanceEvent) => void;
  readonly #readiness = new Readiness();
  readonly #entry: OrderEntry;
  readonly #stream: UserStream;
  readonly #backoff = new Backoff(500, 30_000);
  #closed = false;
  #gate: RequestGate;
  #rules: ExchangeRules = { symbols: new Map(), rateLimits: [] };
  #sink: ReportSink | undefined;

  constructor(options: BinanceVenueOptions) {
    this.#clock = options.clock ?? new RealClock();
    this.#signer = options.signer;
    this.#onEvent = options.onEvent ?? (() => {});
    this.#recvWindowMs = options.recvWindowMs ?? 5000;
    this.names = new BinanceNames(options.symbols);
    this.#time = new ServerTime(this.#clock);
    const timeoutMs = options.replyTimeoutMs ?? 5000;
    this.#rest = new BinanceRest({
      baseUrl: options.restUrl.replace(/\/$/, ''),
      signer: this.#signer,
      time: this.#time,
      recvWindowMs: this.#recvWindowMs,
      timeoutMs,
    });
    this.#gate = new RequestGate([], this.#clock, () => this.#time.now());
    this.#stream = new UserStream({
      rest: this.#rest,
      children: this.#children,
      tradeIds: this.#tradeIds,
      charge: (weight) => this.#gate.charge(weight),
      now: () => this.#clock.now(),
      deliver: (report, cursor) => this.#sink?.(report, cursor),
      note: (kind, message) => this.#note(kind, message),
    });
    this.#entry = new OrderEntry({
      gate: () => this.#gate,
      call: (method, params) => this.#session.call(method, this.#signed(params)),
      syncTime: () => this.#syncTime(),
      emit: (report) => this.#emit(report),
      note: (kind, message) => this.#note(kind, message),
      now: () => this.#clock.now(),
    });
    this.#queries = new BinanceQueries(this.#rest, this.names, this.#children, this.#tradeIds);
    this.#session = new BinanceSession(
      {
        url: options.wsUrl,
        clock: this.#clock,
        timeoutMs,
        reconnect: options.reconnect ?? { initialMs: 200, maxMs: 5000 },
        ...(options.lifetimeMs === undefined ? {} : { lifetimeMs: options.lifetimeMs }),
      },
      {
        subscribeParams: () => this.#signed({}),
        event: (event) => this.#stream.event(event),
        connection: (up) => this.#connection(up),
        gap: () => void this.#stream.reconcile(),
        note: (kind, message) => this.#note(kind, message),
      },
    );
    void this.#start();
  }

  /** Resolves once the clock offset, exchangeInfo and the first subscription are in. */
  ready(): Promise<void> {
    return this.#readiness.started();
  }

  /** The grid exchangeInfo's filters give each exo symbol (tick and step). */
  readonly instruments = (symbol: string): SymbolGrid | undefined => {
    const rules = this.#rules.symbols.get(this.names.binance(symbol) ?? '');
    return rules === undefined ? undefined : instrumentOf(rules);
  };

  /** The link as it stands now (see Venue.link): its rate limits and a 418's stop included. */
  link(): VenueLink {
    const stopped = this.#entry.stopped;
    return {
      connected: this.#session.up,
      connections: this.#session.connections,
      restarts: 0,
      working: this.#children.live().length,
      unconfirmed: this.#session.waiting + this.#gate.waiting,
      catchingUp: this.#stream.catchingUp,
      rateLimits: this.#gate.usage(),
      ...(stopped === undefined ? {} : { stopped }),
    };
  }

  /** What the Binance metrics and events add to the link: its own counters and clock offset. */
  get state(): BinanceVenueState {
    return {
      rotations: this.#session.rotations,
      duplicates: this.#children.duplicates,
      unknown: this.#entry.unknown,
      reconciliations: this.#stream.reconciliations,
      heldBack: this.#gate.heldBack,
      clockOffsetMs: this.#time.offsetMs,
    };
  }

  onReport(sink: ReportSink): void {
    this.#sink = sink;
  }

  onConnection(listener: ConnectionListener): () => void {
    this.#listeners.add(listener);
    listener(this.#session.up);
    return () => this.#listeners.delete(listener);
  }

  submit(request: ChildOrderRequest): void {
    const { clOrdId, limitPrice, quantity } = request;
    const symbol = this.names.binance(request.symbol);
    // The fields written out, not a spread-first literal (see market/extended.ts).
    const child = new BinanceChild({
      clOrdId,
      parentId: request.parentId,
      symbol: symbol ?? request.symbol,
      side: request.side,
      timeInForce: request.timeInForce,
      quantity,
      limitPrice,
      sentAt: this.#clock.now(),
    });
    this.#children.add(clOrdId, child);
    const refuse = (problem: string) => this.#entry.refuse(child, clOrdId, 'rejected', problem);
    this.#readiness.when(
      () => {
        const problem =
          symbol === undefined
            ? `symbol ${request.symbol} is not traded on Binance here`
            : BINANCE_TIF[request.timeInForce] === undefined
              ? 'Binance spot has no day orders: use gtc'
              : this.#filterProblem(symbol, quantity, limitPrice);
        if (problem !== undefined) refuse(problem);
        else
          this.#entry.send('order.place', placeParams(child), child, clOrdId, (result) => {
            // The ack tells the order ID, so trades reconciled before its NEW still find the child.
            const orderId = (result as { orderId?: unknown } | undefined)?.orderId;
            if (typeof orderId === 'number' && child.orderId === undefined) {
              this.#children.order(child, orderId);
            }
          });
      },
      (problem) => refuse(`not sent: the Binance adapter has not started (${problem})`),
    );
  }

  /**
   * A lower quantity at the same price is a keep-priority amend (same order, same client ID);
   * anything else a cancelReplace under `newClOrdId`, for what is left to fill, or, when the
   * working order is partly filled, a cancel and then that new order (`#placeReplacement`).
   */
  replace(request: ChildReplaceRequest): void {
    const child = this.#children.get(request.clOrdId);
    if (child === undefined) {
      this.#unknownChild(request.clOrdId, 'replace_rejected');
      return;
    }
    // An adopted child (a restart's) knows only the Binance order working now: the fills of the
    // orders it had before are exo's to tell, and are no part of that order.
    const known = request.cumQty;
    if (known?.gt(child.cumQty)) child.carryOver(known.minus(child.cumQty));
    const quantity = request.quantity ?? child.quantity;
    const price = request.limitPrice ?? child.limitPrice;
    const samePrice =
      price === child.limitPrice || (price !== undefined && child.limitPrice?.eq(price) === true);
    const id = child.currentId;
    if (samePrice && quantity.lt(child.quantity) && quantity.gt(child.cumQty)) {
      child.amending = quantity;
      this.#entry.send('order.amend.keepPriority', amendParams(child, quantity), child, id);
      return;
    }
    const leaves = quantity.minus(child.cumQty);
    const newId = request.newClOrdId;
    const problem =
      newId === undefined
        ? 'a cancelReplace needs a new client ID'
        : leaves.lte(0)
          ? `quantity ${quantity.toFixed()} is not above the ${child.cumQty.toFixed()} filled`
          : this.#filterProblem(child.symbol, leaves, price);
    if (problem !== undefined || newId === undefined) {
      this.#entry.refuse(child, id, 'replace_rejected', problem ?? 'no new client ID');
      return;
    }
    child.renaming = { newId, quantity, limitPrice: price };
    this.#children.add(newId, child);
    if (child.cumQty.gt(child.baseQty)) {
      this.#entry.send('replace.cancel', cancelParams(child), child, id, (answer) =>
        this.#placeReplacement(child, id, answer),
      );
      return;
    }
    this.#entry.send(
      'order.cancelReplace',
      cancelReplaceParams(child, newId, leaves, price),
      child,
      id,
    );
  }

  /**
   * The second half of a partly filled child's replace, once Binance answered its cancel: the
   * replacement for what the cancelled order left, counted from the answer's `executedQty` (which
   * includes any fill whose report is still on its way, so nothing is bought twice); none when
   * that leaves nothing, or nothing Binance's filters allow (the child then ends cancelled).
   */
  #placeReplacement(child: BinanceChild, id: string, answer: unknown): void {
    const renaming = child.renaming;
    if (renaming === undefined || child.terminal) return;
    const executed = amountOf((answer as { executedQty?: unknown } | undefined)?.executedQty);
    const baseQty = child.baseQty.plus(executed);
    const leaves = renaming.quantity.minus(baseQty);
    const problem = leaves.lte(0)
      ? `the cancelled order filled ${executed.toFixed()}: nothing left to replace`
      : this.#filterProblem(child.symbol, leaves, renaming.limitPrice);
    if (problem !== undefined) {
      this.#entry.refuse(child, id, 'canceled', problem);
      return;
    }
    child.renaming = { ...renaming, baseQty };
    const params = replacementParams(child, renaming.newId, leaves, renaming.limitPrice);
    this.#entry.send('replace.place', params, child, id);
  }

  cancel(clOrdId: string): void {
    const child = this.#children.get(clOrdId);
    if (child === undefined) {
      this.#unknownChild(clOrdId, 'cancel_rejected');
      return;
    }
    this.#entry.send('order.cancel', cancelParams(child), child, child.currentId);
  }

  openOrders(prefix = ''): Promise<VenueOrderStatus[]> {
    return this.#readiness.after(() => this.#queries.openOrders(prefix));
  }

  orderStatus(clOrdId: string): Promise<VenueOrderStatus | undefined> {
    return this.#readiness.after(() => this.#queries.orderStatus(clOrdId, this.#clock));
  }

  fillsSince(cursor?: string): Promise<FillsPage> {
    return this.#readiness.after(() => this.#queries.fillsSince(cursor));
  }

  fillsOf(clOrdId: string): Promise<VenueFill[]> {
    return this.#readiness.after(() => this.#queries.fillsOf(clOrdId));
  }

  cursorCovers(cursor: string, fill: VenueFill): boolean {
    return tradeCursorCovers(cursor, fill);
  }

  async close(): Promise<void> {
    this.#session.close();
    this.#gate.close();
    this.#closed = true;
  }

  /** Starts, again after a backoff for as long as an attempt fails (each one an event). */
  async #start(): Promise<void> {
    while (!this.#closed) {
      try {
        await this.#startOnce();
        this.#readiness.succeeded();
        return;
      } catch (error) {
        this.#note('start_failed', `starting failed: ${describe(error)}`);
        this.#readiness.failed(describe(error));
        const waitMs = this.#backoff.next();
        await new Promise<void>((resolve) =>
          this.#clock.setTimer(this.#clock.now() + waitMs, resolve),
        );
      }
    }
  }

  async #startOnce(): Promise<void> {
    await this.#syncTime();
    this.#rules = readExchangeInfo(await this.#rest.get('/api/v3/exchangeInfo'));
    this.#gate = new RequestGate(this.#rules.rateLimits, this.#clock, () => this.#time.now());
    await this.#queries.startCursors();
    await this.#session.start();
  }

  async #syncTime(): Promise<void> {
    const offset = await this.#time.sync(async () => {
      const answer = await this.#rest.get<{ serverTime: number }>('/api/v3/time');
      return answer.serverTime;
    });
    this.#note('clock_offset', `Binance's clock is ${offset} ms ahead of exo's`);
  }

  /**
   * A replace or cancel for a child neither sent in this run nor adopted (openOrders and
   * orderStatus adopt a restart's children): refused, saying so.
   */
  #unknownChild(clOrdId: string, refusal: 'replace_rejected' | 'cancel_rejected'): void {
    this.#emit({
      orderId: parentIdOf(clOrdId),
      clOrdId,
      execType: refusal,
      status: 'new',
      transactTime: this.#clock.now(),
      text: `child ${clOrdId} is not known to the Binance adapter (ask its orderStatus first)`,
    });
  }

  /** Why Binance's filters would refuse the order, said as exo refusing it; undefined if none. */
  #filterProblem(symbol: string, quantity: Decimal, price: Decimal | undefined) {
    const rules = this.#rules.symbols.get(symbol);
    const problem = rules === undefined ? undefined : filterProblem(symbol, rules, quantity, price);
    return problem === undefined ? undefined : `refused by exo before sending: ${problem}`;
  }

  /** WebSocket API params with apiKey, timestamp, recvWindow and their signature. */
  #signed(params: Record<string, unknown>): Record<string, unknown> {
    return signedWsParams(this.#signer, params, this.#recvWindowMs, this.#time.now());
  }

  #connection(up: boolean): void {
    if (!up) this.#stream.hold();
    for (const listener of [...this.#listeners]) listener(up);
    this.#note(
      up ? 'connected' : 'disconnected',
      up ? 'WebSocket API session up' : 'WebSocket API connection lost',
    );
  }

  #emit(report: Report): void {
    this.#stream.emit(report);
  }

  #note(kind: string, message: string): void {
    this.#onEvent({ kind, message });
  }
}
