import type { Clock } from '../../core/clock.js';
import type { FixField } from '../../fix/message.js';
import { extended } from '../../market/extended.js';
import { AppMsgType } from './app-tags.js';
import { cancelReject, executionReport, type ReportExtras } from './exec-reports.js';
import { type FixOrderState, isWorking } from './fix-order.js';
import type { JournalContents, OrderJournal } from './order-journal.js';

/** Sends an application message to the session of the counterparty `owner`. */
export type SendTo = (owner: string, msgType: string, body: FixField[]) => void;

/** How an order is known to the matching engine (the paper venue) in this run. */
export interface EngineOrder {
  /** The clOrdId the paper venue knows it by: OrderID plus this run's tag. */
  readonly id: string;
  /** CumQty when this run took it over: the engine's quantities are the order's minus this. */
  readonly base: string;
  /** True until the engine's 'new' for a restored order, which is not news to the counterparty. */
  restoring: boolean;
}

/**
 * The FIX venue's orders: found by a counterparty's ClOrdID (any it used), by OrderID and by the
 * engine's ID; numbered (OrderID, ExecID) by counters that the journal keeps across restarts;
 * and every report journaled before it goes to the counterparty's session.
 */
export class FixBook {
  readonly #byClOrdId = new Map<string, FixOrderState>();
  readonly #byOrderId = new Map<string, FixOrderState>();
  readonly #engine = new Map<string, EngineOrder>();
  readonly #byEngineId = new Map<string, FixOrderState>();
  #execCount: number;
  #orderCount: number;

  constructor(
    readonly journal: OrderJournal,
    contents: JournalContents,
    readonly clock: Clock,
    readonly sendTo: SendTo,
  ) {
    this.#execCount = contents.execCount;
    this.#orderCount = contents.orderCount;
    for (const order of contents.orders) this.#index(order);
  }

  /** The order `owner` knows by `clOrdId` (its current or an earlier one). */
  byClOrdId(owner: string, clOrdId: string): FixOrderState | undefined {
    return this.#byClOrdId.get(key(owner, clOrdId));
  }

  /** The order with this OrderID. */
  byOrderId(orderId: string): FixOrderState | undefined {
    return this.#byOrderId.get(orderId);
  }

  /** The order the engine knows by `id`. */
  byEngineId(id: string): FixOrderState | undefined {
    return this.#byEngineId.get(id);
  }

  /** How the engine knows `order` in this run. */
  engineOf(order: FixOrderState): EngineOrder | undefined {
    return this.#engine.get(order.orderId);
  }

  /** Every working order (all owners when `owner` is undefined), oldest first. */
  working(owner?: string): FixOrderState[] {
    return [...this.#byOrderId.values()].filter(
      (o) => isWorking(o) && (owner === undefined || o.owner === owner),
    );
  }

  /** The next OrderID. */
  nextOrderId(): string {
    return `O${++this.#orderCount}`;
  }

  /** Takes a new order in, handed to the engine as `engine`. */
  add(order: FixOrderState, engine: EngineOrder): void {
    this.#index(order);
    this.attach(order, engine);
  }

  /** Records how the engine knows an order in this run. */
  attach(order: FixOrderState, engine: EngineOrder): void {
    this.#engine.set(order.orderId, engine);
    this.#byEngineId.set(engine.id, order);
  }

  /** The order is now also named `clOrdId`. */
  rename(order: FixOrderState, clOrdId: string): void {
    order.clOrdId = clOrdId;
    order.clOrdIds.push(clOrdId);
    this.#byClOrdId.set(key(order.owner, clOrdId), order);
  }

  /** Journals the order's state and sends its owner an ExecutionReport about it. */
  report(order: FixOrderState, extras: Omit<ReportExtras, 'execId' | 'now'>): void {
    this.#journaled(order, order, extras);
  }

  /**
   * A status report (ExecType I) about `order`, as FIX 4.4 has OrdStatus say it: E while a replace
   * is pending, 6 while a cancel is, so that a counterparty asking after its unanswered G or F
   * learns it is still being worked on, not refused. The order is journaled as it is.
   */
  reportStatus(order: FixOrderState, extras: Omit<ReportExtras, 'execId' | 'now'>): void {
    const pending = order.pending?.kind;
    const status = pending === 'replace' ? 'E' : pending === 'cancel' ? '6' : order.status;
    this.#journaled(order, status === order.status ? order : extended(order, { status }), extras);
  }

  /**
   * An ExecutionReport about no order of the book (a refused D, a status of an unknown order):
   * the ExecID is journaled before it goes out.
   */
  reportUnbooked(order: FixOrderState, extras: Omit<ReportExtras, 'execId' | 'now'>): void {
    this.#journaled(undefined, order, extras);
  }

  /**
   * Refuses a G (`responseTo` 2) or F (1) of `owner` with an OrderCancelReject (9) naming the
   * request's ClOrdID and OrigClOrdID, and the order where there is one (OrderID NONE and OrdStatus
   * 8 where there is none).
   */
  cancelReject(
    owner: string,
    order: FixOrderState | undefined,
    names: { readonly clOrdId: string; readonly origClOrdId: string },
    responseTo: '1' | '2',
    reason: string,
    text: string,
  ): void {
    const body = cancelReject({
      orderId: order?.orderId ?? 'NONE',
      ...names,
      status: order?.status ?? '8',
      responseTo,
      reason,
      text,
    });
    this.sendTo(owner, AppMsgType.OrderCancelReject, body);
  }

  /** Journals a change that sends no report (a pending change recorded). */
  save(order: FixOrderState): void {
    this.journal.record(order, this.#execCount, this.#orderCount);
  }

  /** Numbers the report, journals it with the order's state (`booked`), then sends it. */
  #journaled(
    booked: FixOrderState | undefined,
    order: FixOrderState,
    extras: Omit<ReportExtras, 'execId' | 'now'>,
  ): void {
    const execId = `E${++this.#execCount}`;
    const body = executionReport(order, extended(extras, { execId, now: this.clock.now() }));
    const report = { owner: order.owner, body };
    this.journal.record(booked, this.#execCount, this.#orderCount, report);
    this.sendTo(order.owner, AppMsgType.ExecutionReport, body);
  }

  #index(order: FixOrderState): void {
    this.#byOrderId.set(order.orderId, order);
    for (const id of order.clOrdIds) this.#byClOrdId.set(key(order.owner, id), order);
  }
}

function key(owner: string, clOrdId: string): string {
  return `${owner}\x01${clOrdId}`;
}
