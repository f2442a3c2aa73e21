import type { Clock } from '../../core/clock.js';
import { compare, type Decimal, sign, ZERO } from '../../market/decimal.js';
import type { ExecType } from '../../market/exec-type.js';
import type { Fill } from '../../market/fills.js';
import type { Quote } from '../../market/quote.js';
import type { Report } from '../../market/report.js';
import { isWithinLimit } from '../../market/side.js';
import type { Trade } from '../../market/trade.js';
import { parentIdOf } from '../child-id.js';
import {
  type SequencedPage,
  sequenceCovers,
  sequenceCursor,
  sequenceOf,
} from '../sequence-cursor.js';
import type { ChildOrderRequest, ChildReplaceRequest, ReportSink, Venue } from '../venue.js';
import { VenueClosedError } from '../venue-closed-error.js';
import type { VenueFill, VenueOrderStatus } from '../venue-queries.js';
import { type Delay, DelayLine } from './delay-line.js';
import { type FillModel, PassiveFillModel } from './fill-model.js';
import { newOrderProblem, replaceProblem } from './order-checks.js';
import type { Liquidity, PaperFill, PaperLedger } from './paper-ledger.js';
import type { PaperMarket } from './paper-market.js';
import { PaperOrder } from './paper-order.js';
import { fillsAfter, openOrdersOf } from './paper-queries.js';
import { DEFAULT_RETAIN_FINISHED, PaperRecords } from './paper-records.js';
import { smaller } from './passive-fills.js';
import { PendingQueries } from './pending-queries.js';
import { RestingOrders } from './resting-orders.js';
import { keepsPriority, sameTerms } from './same-terms.js';
import { TouchLiquidity } from './touch-liquidity.js';

/** How to build a paper venue. */
export interface PaperVenueOptions {
  /** What orders match against: a SimulatedMarket, or a ScriptedMarket in tests. */
  readonly market: PaperMarket;
  /** Where time comes from, for latency and report times. */
  readonly clock: Clock;
  /** One-way delay, applied to each request on its way in and each report on its way out. Default 2. */
  readonly latencyMs?: number;
  /** The delay of requests on their way in, fixed or drawn per request; `latencyMs` when absent. */
  readonly entryLatencyMs?: Delay;
  /** The delay of reports and answers on their way out, fixed or drawn per report; `latencyMs` when absent. */
  readonly responseLatencyMs?: Delay;
  /** When resting orders fill (see FillModel). Default `touch`. */
  readonly fillModel?: FillModel;
  /** The venue's name, also the prefix of its order and execution IDs. Default `paper`. */
  readonly name?: string;
  /**
   * How many finished orders (and at least how many fills) the venue remembers for queries and
   * duplicate checks; working orders are always kept. Default 10,000.
   */
  readonly retainFinished?: number;
  /**
   * The sequence reports count up from: the first report takes the next one. Default 0. A venue
   * that restarts without its history starts each run above the last run's sequences, so that a
   * `fillsSince` cursor from an earlier run skips none of the new run's fills.
   */
  readonly venueSeqStart?: number;
  /**
   * What its order and execution IDs start with. Default the name. A venue that restarts without
   * its history gives each run its own, so that an execution ID never names two different fills.
   */
  readonly idPrefix?: string;
}

/**
 * A cancel that applies only to an order with no fill yet (`unfilled`) or only to one partly
 * filled (`partly_filled`), checked when the venue takes the cancel, so that no fill can come
 * between the check and the cancel: what Binance's `cancelRestrictions` does in its matching.
 */
export type CancelOnly = 'unfilled' | 'partly_filled';

/** A request on its way to the venue. */
type Inbound =
  | { readonly kind: 'new'; readonly request: ChildOrderRequest }
  | { readonly kind: 'replace'; readonly request: ChildReplaceRequest }
  | { readonly kind: 'cancel'; readonly clOrdId: string; readonly only?: CancelOnly }
  | { readonly kind: 'query'; readonly answer: () => void };

/**
 * A venue that fills child orders against a market's top of book, with no money at stake.
 * Marketable orders take the far side's size (what other orders already took from the same quote
 * is gone); IOC and market remainders are cancelled, FOK fills whole or is cancelled; limit
 * remainders rest and fill at their limit as the fill model allows (by default when a print or the
 * far side reaches them; see FillModel); a replace that only lowers the quantity keeps the order's
 * time priority, any other goes to the back. Requests and reports each travel their latency on the
 * clock (`latencyMs`, or entry and response latencies, fixed or drawn), in order, so delegates see
 * requests in flight.
 */
export class PaperVenue implements Venue {
  readonly name: string;
  readonly #market: PaperMarket;
  readonly #clock: Clock;
  readonly #inbound: DelayLine<Inbound>;
  /** Reports and query answers on their way out, delivered in the order sent. */
  readonly #outbound: DelayLine<() => void>;
  readonly #queries = new PendingQueries();
  readonly #records: PaperRecords;
  readonly #resting = new RestingOrders();
  readonly #liquidity = new TouchLiquidity();
  readonly #passive: PassiveFillModel;
  readonly #watches = new Map<PaperOrder, () => void>();
  readonly #stopObserving: () => void;
  readonly #idPrefix: string;
  #sink: ReportSink | undefined;
  #orderCount = 0;
  #execCount = 0;
  /** The sequence number of the latest report: every report takes the next one. */
  #venueSeq: number;
  #priority = 0;
  #closed = false;

  constructor(options: PaperVenueOptions) {
    const { market, clock, latencyMs = 2, name = 'paper', venueSeqStart = 0 } = options;
    this.#records = new PaperRecords(options.retainFinished ?? DEFAULT_RETAIN_FINISHED);
    if (!Number.isFinite(latencyMs) || latencyMs < 0) {
      throw new RangeError(`latencyMs must be a non-negative number, got ${latencyMs}`);
    }
    if (!Number.isSafeInteger(venueSeqStart) || venueSeqStart < 0) {
      throw new RangeError(`venueSeqStart must be a non-negative integer, got ${venueSeqStart}`);
    }
    this.name = name;
    this.#idPrefix = options.idPrefix ?? name;
    this.#venueSeq = venueSeqStart;
    this.#market = market;
    this.#clock = clock;
    this.#passive = new PassiveFillModel(options.fillModel);
    const entry = options.entryLatencyMs ?? latencyMs;
    const response = options.responseLatencyMs ?? latencyMs;
    this.#inbound = new DelayLine(clock, entry, (message) => this.#arrive(message));
    this.#outbound = new DelayLine(clock, response, (deliver) => deliver());
    this.#stopObserving = market.observe({
      quote: (quote) => this.#onQuote(quote),
      trade: (trade) => this.#onTrade(trade),
    });
  }

  onReport(sink: ReportSink): void {
    this.#sink = sink;
  }

  submit(request: ChildOrderRequest): void {
    this.#send({ kind: 'new', request });
  }

  replace(request: ChildReplaceRequest): void {
    this.#send({ kind: 'replace', request });
  }

  cancel(clOrdId: string): void {
    this.#send({ kind: 'cancel', clOrdId });
  }

  /**
   * Cancels a child only if it is still unfilled, or only if it is partly filled (`only`), as
   * the venue finds it when it takes the cancel; otherwise a cancel_rejected.
   */
  cancelRestricted(clOrdId: string, only: CancelOnly): void {
    this.#send({ kind: 'cancel', clOrdId, only });
  }

  /** Working orders whose clOrdId starts with `prefix`; answered in turn with requests, after the latency. */
  openOrders(prefix = ''): Promise<VenueOrderStatus[]> {
    return this.#ask(() => openOrdersOf(this.#records.byClOrdId(), prefix));
  }

  /** The first order the venue took under `clOrdId`, terminal or not; answered after the latency. */
  orderStatus(clOrdId: string): Promise<VenueOrderStatus | undefined> {
    return this.#ask(() => this.#records.get(clOrdId)?.record());
  }

  /**
   * Fills of the reports after the one `cursor` names (its sequence as text: see sequenceCursor),
   * in pages; answered after the latency.
   */
  fillsSince(cursor?: string): Promise<SequencedPage<PaperFill>> {
    let after: number;
    try {
      after = sequenceOf(cursor);
    } catch (error) {
      return Promise.reject(error);
    }
    return this.#ask(() => fillsAfter(this.#records.fills, after, this.#venueSeq));
  }

  /** Its cursors are report sequences, so they are ordered: see Venue.cursorCovers. */
  cursorCovers(cursor: string, fill: VenueFill): boolean {
    return sequenceCovers(cursor, fill);
  }

  /** One child's fills that it remembers, in sequence order (none if unknown); answered after the latency. */
  fillsOf(clOrdId: string): Promise<PaperFill[]> {
    return this.#ask(() => this.#records.fills.filter((fill) => fill.clOrdId === clOrdId));
  }

  /**
   * The remembered fill a trade report names by its execId (searched newest first, so a report
   * just delivered is found at once): how a venue built on this one learns whether it took or
   * made liquidity.
   */
  fillByExecId(execId: string): PaperFill | undefined {
    const fills = this.#records.fills;
    for (let i = fills.length - 1; i >= 0; i--) {
      if (fills[i]!.execId === execId) return fills[i];
    }
    return undefined;
  }

  /** Requests and reports in flight, for tests and shutdown checks. */
  get inFlight(): number {
    return this.#inbound.size + this.#outbound.size;
  }

  /**
   * Every order the venue remembers (rejected ones too) as it stands now, and every fill it
   * remembers: everything, up to the `retainFinished` bound.
   */
  ledger(): PaperLedger {
    const orders = Array.from(this.#records.all(), (order) => order.record());
    return { orders, fills: [...this.#records.fills] };
  }

  /** The ledger as a query: answered in turn with requests, after the latency, as a remote client sees it. */
  dumpLedger(): Promise<PaperLedger> {
    return this.#ask(() => this.ledger());
  }

  /** Stops matching, drops requests and reports in flight, and releases the market. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#inbound.close();
    this.#outbound.close();
    this.#stopObserving();
    this.#queries.refuseAll(new VenueClosedError(this.name));
    for (const release of this.#watches.values()) release();
    this.#watches.clear();
  }

  #send(message: Inbound): void {
    if (!this.#closed) this.#inbound.push(message);
  }

  #arrive(message: Inbound): void {
    if (message.kind === 'new') this.#accept(message.request);
    else if (message.kind === 'replace') this.#amend(message.request);
    else if (message.kind === 'cancel') this.#cancel(message.clOrdId, message.only);
    else message.answer();
  }

  /** Sends a query down the request line and its answer back up the report line, like a request. */
  #ask<T>(answer: () => T): Promise<T> {
    if (this.#closed) return Promise.reject(new VenueClosedError(this.name));
    return this.#queries.track<T>((deliver) => {
      this.#send({
        kind: 'query',
        answer: () => {
          const value = answer();
          this.#outbound.push(() => deliver(value));
        },
      });
    });
  }

  #accept(request: ChildOrderRequest): void {
    const known = this.#records.get(request.clOrdId);
    if (known !== undefined && sameTerms(known.request, request)) {
      this.#report(known, 'status');
      return;
    }
    const now = this.#clock.now();
    const order = new PaperOrder(
      request,
      `${this.#idPrefix}-o${++this.#orderCount}`,
      now,
      this.#priority++,
    );
    const duplicate = !this.#records.add(order);
    const problem = newOrderProblem(request, this.#market.instrument(request.symbol), duplicate);
    if (problem !== undefined) {
      order.reject(problem, now);
      this.#retire(order);
      this.#report(order, 'rejected', undefined, problem);
      return;
    }
    this.#report(order, 'new');
    if (request.timeInForce === 'fok') {
      this.#fillOrKill(order);
      return;
    }
    this.#take(order);
    if (order.isDone) return;
    if (order.limitPrice === undefined) {
      this.#end(order, `market order: ${order.leavesQty.toFixed()} left with no size at the touch`);
    } else if (request.timeInForce === 'ioc') {
      this.#end(
        order,
        `immediate or cancel: ${order.leavesQty.toFixed()} not available within the limit`,
      );
    } else {
      this.#rest(order);
    }
  }

  #amend(request: ChildReplaceRequest): void {
    const order = this.#records.get(request.clOrdId);
    if (order === undefined) {
      this.#refuseUnknown(request.clOrdId, 'replace_rejected');
    } else if (order.isDone) {
      this.#report(order, 'replace_rejected', undefined, `order is already ${order.status}`);
    } else {
      const instrument = this.#market.instrument(order.request.symbol)!;
      const problem = replaceProblem(request, order, instrument);
      if (problem !== undefined) {
        this.#report(order, 'replace_rejected', undefined, problem);
        return;
      }
      const quantity = request.quantity ?? order.quantity;
      const limitPrice = request.limitPrice ?? order.limitPrice;
      const kept = keepsPriority(order, quantity, limitPrice);
      order.amend(
        quantity,
        limitPrice,
        this.#clock.now(),
        kept ? order.priority : this.#priority++,
      );
      this.#report(order, 'replaced');
      this.#take(order);
      if (!kept && !order.isDone)
        this.#passive.rested(order, this.#market.quote(order.request.symbol));
    }
  }

  #cancel(clOrdId: string, only: CancelOnly | undefined): void {
    const order = this.#records.get(clOrdId);
    if (order === undefined) {
      this.#refuseUnknown(clOrdId, 'cancel_rejected');
    } else if (order.isDone) {
      this.#report(order, 'cancel_rejected', undefined, `order is already ${order.status}`);
    } else if (only !== undefined && sign(order.cumQty) > 0 !== (only === 'partly_filled')) {
      this.#report(order, 'cancel_rejected', undefined, `order is ${order.status}`);
    } else {
      order.cancel('canceled on request', this.#clock.now());
      this.#retire(order);
      this.#report(order, 'canceled');
    }
  }

  /** Takes what the touch offers within the order's limit, at the touch price. */
  #take(order: PaperOrder): void {
    const quote = this.#market.quote(order.request.symbol);
    const available = this.#takeable(order, quote);
    if (quote === undefined || sign(available) === 0) return;
    const qty = smaller(available, order.leavesQty);
    this.#liquidity.take(quote, order.request.side, qty);
    this.#fill(order, qty, quote.farPx(order.request.side), 'taker');
  }

  #fillOrKill(order: PaperOrder): void {
    const quote = this.#market.quote(order.request.symbol);
    const available = this.#takeable(order, quote);
    if (quote !== undefined && compare(available, order.leavesQty) >= 0) {
      this.#take(order);
    } else {
      this.#end(order, `fill or kill: only ${available.toFixed()} available within the limit`);
    }
  }

  /** The size an order could take from the far side of `quote` now, within its limit. */
  #takeable(order: PaperOrder, quote: Quote | undefined): Decimal {
    const { side } = order.request;
    if (quote === undefined) return ZERO;
    const limit = order.limitPrice;
    if (limit !== undefined && !isWithinLimit(side, quote.farPx(side), limit)) return ZERO;
    return this.#liquidity.available(quote, side);
  }

  #onQuote(quote: Quote): void {
    for (const { order, qty, px } of this.#passive.onQuote(quote, this.#resting, this.#liquidity)) {
      this.#fill(order, qty, px, 'maker');
    }
  }

  #onTrade(trade: Trade): void {
    for (const { order, qty, px } of this.#passive.onTrade(trade, this.#resting)) {
      this.#fill(order, qty, px, 'maker');
    }
  }

  #fill(order: PaperOrder, qty: Decimal, px: Decimal, liquidity: Liquidity): void {
    order.fill(qty, px, this.#clock.now());
    const report = this.#report(order, 'trade', { qty, px });
    const { clOrdId, parentId, symbol, side } = order.request;
    this.#records.addFill({
      venueSeq: this.#venueSeq, // the trade report's, numbered just above
      cursor: sequenceCursor(this.#venueSeq),
      execId: report.execId!,
      venueOrderId: order.venueOrderId,
      clOrdId,
      parentId,
      symbol,
      side,
      qty,
      px,
      time: report.transactTime,
      liquidity,
    });
    if (order.isDone) this.#retire(order);
  }

  /** Cancels what is left of an order that may not rest, saying why. */
  #end(order: PaperOrder, text: string): void {
    order.cancel(text, this.#clock.now());
    this.#retire(order);
    this.#report(order, 'canceled', undefined, text);
  }

  #rest(order: PaperOrder): void {
    this.#resting.add(order);
    this.#passive.rested(order, this.#market.quote(order.request.symbol));
    const release = this.#market.watch?.(order.request.symbol);
    if (release !== undefined) this.#watches.set(order, release);
  }

  /** An order is done: it stops matching, and the records start ageing it out. */
  #retire(order: PaperOrder): void {
    this.#resting.remove(order);
    this.#passive.forget(order);
    this.#watches.get(order)?.();
    this.#watches.delete(order);
    this.#records.finished(order);
  }

  #report(order: PaperOrder, execType: ExecType, last?: Fill, text?: string): Report {
    const report = order.report(execType, this.#execId(), this.#clock.now(), last, text);
    this.#emit(report);
    return report;
  }

  /** Numbers a report and sends it up the report line. */
  #emit(report: Report): void {
    const cursor = sequenceCursor(++this.#venueSeq);
    this.#outbound.push(() => this.#sink?.(report, cursor));
  }

  /** A refusal about a child the venue never saw, addressed to the parent its clOrdId names. */
  #refuseUnknown(clOrdId: string, execType: 'cancel_rejected' | 'replace_rejected'): void {
    this.#emit({
      orderId: parentIdOf(clOrdId),
      clOrdId,
      execId: this.#execId(),
      execType,
      status: 'rejected',
      transactTime: this.#clock.now(),
      text: `unknown order ${JSON.stringify(clOrdId)}`,
    });
  }

  #execId(): string {
    return `${this.#idPrefix}-x${++this.#execCount}`;
  }
}
