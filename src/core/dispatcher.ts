import { extended } from '../market/extended.js';
import type { Order } from '../market/order.js';
import type { Quote } from '../market/quote.js';
import type { Report } from '../market/report.js';
import type { Trade } from '../market/trade.js';
import type { TradingState } from '../market/trading-state.js';
import { type ActionObserver, ActionTiming } from './action-timing.js';
import { type Clock, RealClock } from './clock.js';
import { CompletedOrders } from './completed-orders.js';
import type { DelegateFactory } from './delegate.js';
import { Emitter } from './emitter.js';
import { type EngineError, InstructionError } from './errors.js';
import type { DispatcherEvents } from './events.js';
import {
  assertSameIdentity,
  type CancelInstruction,
  type Instruction,
  validateInstruction,
} from './instruction.js';
import type { MarketDataSink, MarketDataSubscriber } from './market-data.js';
import { MarketDataFanout } from './market-data-fanout.js';
import { orderIdGenerator } from './order-id.js';
import { OrderProcess, type ProcessOwner } from './order-process.js';
import { type DispatcherStats, newStats } from './stats.js';
import { Subscriptions } from './subscriptions.js';

/** How to build a dispatcher: the delegates, the market data, and optionally time and IDs. */
export interface DispatcherOptions<T extends Order, R = unknown> {
  readonly factory: DelegateFactory<T, R>;
  /** Subscribed per symbol as orders come and go; none means market data is pushed in by hand. */
  readonly marketData?: MarketDataSubscriber;
  readonly clock?: Clock;
  /** Generates IDs for new orders that arrive without one. */
  readonly newOrderId?: () => string;
  /** How many completed order IDs to remember, to tell "completed" from "unknown". */
  readonly rememberCompleted?: number;
  /** Schedules a drain of the market data queues; by default after the current I/O (setImmediate). */
  readonly scheduleDrain?: (drain: () => void) => void;
  /**
   * How many deliveries (ticks times the orders of their symbol) one drain makes before it yields
   * to I/O. What is left waits, still conflating, in first-arrival order: a flood of market data
   * can then neither starve instructions and reports arriving from sockets nor outrun memory.
   */
  readonly drainBudget?: number;
  /**
   * A symbol's effective trading state, read when an order starts (its first update carries it)
   * and when `tradingStateChanged` says it changed. Without it, delegates are never told one.
   */
  readonly tradingState?: (symbol: string) => TradingState;
  /** Told how long delegates' actions take (a sample of the synchronous ones) and of each cleanUp. */
  readonly actions?: ActionObserver;
}

interface LiveOrder<T extends Order> {
  readonly process: OrderProcess<T>;
  /** The order as last accepted (new or replace): what a cancel by ID alone is filled in from. */
  terms: T;
  cancelRequested: boolean;
}

/**
 * Owns every order and routes information to them. Instructions and reports go straight to the
 * order's process; quotes and trades are conflated per symbol while the dispatcher is busy, then
 * fanned out to every order of the symbol, so instructions and reports always arrive first.
 */
export class Dispatcher<T extends Order, R = unknown> implements MarketDataSink {
  readonly stats: DispatcherStats = newStats();
  readonly clock: Clock;
  readonly #factory: DelegateFactory<T, R>;
  /** None when market data is pushed in by hand. */
  readonly #subscriptions: Subscriptions | undefined;
  readonly #newOrderId: () => string;
  readonly #observers = new Emitter<DispatcherEvents<T>>((error, event) =>
    this.#observerFailed(error, event),
  );
  readonly #orders = new Map<string, LiveOrder<T>>();
  readonly #completed: CompletedOrders;
  readonly #fanout: MarketDataFanout<OrderProcess<T, R>>;
  readonly #owner: ProcessOwner<T>;
  readonly #tradingState: ((symbol: string) => TradingState) | undefined;
  #stopping: Promise<void> | undefined;

  constructor(options: DispatcherOptions<T, R>) {
    this.#factory = options.factory;
    this.clock = options.clock ?? new RealClock();
    this.#newOrderId = options.newOrderId ?? orderIdGenerator();
    this.#fanout = new MarketDataFanout({
      stats: this.stats,
      ...(options.scheduleDrain === undefined ? {} : { scheduleDrain: options.scheduleDrain }),
      ...(options.drainBudget === undefined ? {} : { drainBudget: options.drainBudget }),
    });
    this.#completed = new CompletedOrders(options.rememberCompleted ?? 100_000);
    this.#tradingState = options.tradingState;
    this.#subscriptions =
      options.marketData === undefined
        ? undefined
        : new Subscriptions(options.marketData, this, {
            settled: (event, symbol) => this.#observers.emit(event, symbol),
            failed: (error) => this.#fail(error),
          });
    this.#owner = {
      clock: this.clock,
      stats: this.stats,
      timing: options.actions === undefined ? undefined : new ActionTiming(options.actions),
      completed: (process) => this.#onCompleted(process),
      checkpoint: (order, state) => this.#observers.emit('checkpoint', order, state),
      failed: (error) => this.#fail(error),
    };
  }

  /** Follows what happens to orders; returns the function that stops following. */
  on<K extends keyof DispatcherEvents<T>>(event: K, listener: DispatcherEvents<T>[K]): () => void {
    return this.#observers.on(event, listener);
  }

  /**
   * Accepts a new, replace or cancel instruction, or throws an InstructionError and queues nothing.
   * Returns the instruction as accepted, a frozen shallow copy (a new order without an ID gets one
   * here): neither changing it nor changing the instruction passed in changes what the dispatcher
   * does, since a side or symbol changed under it would break the order's identity checks and leave
   * it in its old symbol's fan-out. The copy keeps every field of the caller's order type. A cancel
   * may name the order alone: its delegate gets it filled in from the order's last accepted terms.
   */
  submit(instruction: Instruction<T>): T {
    if (this.#stopping !== undefined) {
      throw new InstructionError('stopped', instruction.orderId, 'the dispatcher is stopping');
    }
    validateInstruction(instruction);
    return instruction.msgType === 'new'
      ? this.#accept(instruction)
      : this.#instruct(instruction as T | CancelInstruction);
  }

  /**
   * Brings back an order that was live when the engine last stopped (or crashed), under its own ID,
   * without a new-order instruction: its delegate is rebuilt by the factory's `restore` from what
   * the service recovered, and its first update is marked `recovered`. An order whose cancel was
   * accepted before the stop (`cancelRequested`) refuses a second cancel or a replace, as it did
   * then. Throws an InstructionError (and starts nothing) for an order without an ID, one already
   * known, or one that is malformed. Returns the order as restored, a frozen shallow copy.
   */
  restore(order: T, recovered: R, options: { readonly cancelRequested?: boolean } = {}): T {
    if (this.#stopping !== undefined) {
      throw new InstructionError('stopped', order.orderId, 'the dispatcher is stopping');
    }
    validateInstruction(order);
    if (order.orderId === undefined || order.orderId === '') {
      throw new InstructionError(
        'invalid_instruction',
        undefined,
        'orderId: a restored order keeps its ID',
      );
    }
    this.#refuseKnown(order.orderId);
    const restored = frozenCopy(order);
    this.#start(restored, { recovered });
    if (options.cancelRequested === true) this.#orders.get(order.orderId)!.cancelRequested = true;
    this.stats.ordersRestored++;
    this.#observers.emit('restored', restored);
    return restored;
  }

  /**
   * Routes an execution report to its order. A report for no live order, or one arriving after
   * `stop()` (when no delegate will act again), is an error event naming the order, and is dropped.
   */
  report(report: Report): void {
    this.stats.reports++;
    const live = this.#stopping === undefined ? this.#orders.get(report.orderId) : undefined;
    if (live === undefined) {
      const { orderId, status } = report;
      const why =
        this.#stopping !== undefined
          ? `order ${orderId} (status ${status}) arrived after stop`
          : `${this.#completed.has(orderId) ? 'completed' : 'unknown'} order ${orderId} (status ${status})`;
      this.#fail({
        source: 'report',
        orderId,
        error: report,
        message: `report for ${why}: not delivered`,
      });
      return;
    }
    live.process.report(report);
    this.#observers.emit('reported', report);
  }

  /** Takes a quote; quotes of a symbol conflate (the latest wins) until the next drain. */
  quote(quote: Quote): void {
    if (this.#stopping !== undefined) return;
    this.#fanout.quote(quote);
  }

  /** Takes a trade; trades of a symbol aggregate (volume, VWAP) until the next drain. */
  trade(trade: Trade): void {
    if (this.#stopping !== undefined) return;
    this.#fanout.trade(trade);
  }

  /**
   * Tells every live order of `symbol` (every live order, without one) its effective trading
   * state, read again from the `tradingState` option: it reaches each delegate in its next update,
   * behind nothing and ahead of nothing it must keep its order with (it is state, like a quote).
   */
  tradingStateChanged(symbol?: string): void {
    const stateOf = this.#tradingState;
    if (stateOf === undefined || this.#stopping !== undefined) return;
    for (const { process } of this.#orders.values()) {
      const of = process.order.symbol;
      if (symbol === undefined || of === symbol) process.tradingState(stateOf(of));
    }
  }

  /** The live order with this ID as last accepted (its new instruction or latest replace), if any. */
  order(orderId: string): T | undefined {
    return this.#orders.get(orderId)?.terms;
  }

  /** Whether a cancel of this live order was accepted (before a restart too: see `restore`). */
  cancelRequested(orderId: string): boolean {
    return this.#orders.get(orderId)?.cancelRequested ?? false;
  }

  /** The number of live orders. */
  get size(): number {
    return this.#orders.size;
  }

  /** The symbols with live orders, which are the ones subscribed. */
  symbols(): string[] {
    return this.#fanout.symbols();
  }

  /**
   * Stops intake, lets in-flight actions finish, calls each live delegate's `cleanUp` once,
   * unsubscribes market data, and resolves when all that is done. Orders are not cancelled.
   */
  stop(): Promise<void> {
    this.#stopping ??= this.#stop();
    return this.#stopping;
  }

  async #stop(): Promise<void> {
    // Taken first: an order that completes while stopping leaves the fan-out, not the market data.
    const symbols = this.#fanout.symbols();
    const processes = [...this.#orders.values()].map((live) => live.process);
    await Promise.all(processes.map((process) => process.stop()));
    await Promise.all(symbols.map((symbol) => this.#subscriptions?.unsubscribe(symbol)));
  }

  #accept(instruction: Instruction<T>): T {
    let orderId = instruction.orderId;
    if (orderId === undefined || orderId === '') {
      do orderId = this.#newOrderId();
      while (this.#orders.has(orderId) || this.#completed.has(orderId));
    } else {
      this.#refuseKnown(orderId);
    }
    const order = Object.freeze(extended(instruction, { orderId })) as T;
    this.#start(order, undefined);
    this.stats.instructions++;
    this.stats.ordersAccepted++;
    this.#observers.emit('accepted', order);
    return order;
  }

  /** Refuses an order ID that is live or recently completed: IDs are never reused. */
  #refuseKnown(orderId: string): void {
    if (this.#orders.has(orderId) || this.#completed.has(orderId)) {
      throw new InstructionError('duplicate_order_id', orderId, `order ${orderId} already exists`);
    }
  }

  /** Builds the order's process and routes to it; a factory that throws refuses the order. */
  #start(order: T, restored: { readonly recovered: R } | undefined): void {
    const { orderId } = order;
    let process: OrderProcess<T, R>;
    try {
      process = new OrderProcess(order, this.#factory, this.#owner, restored);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new InstructionError(
        'invalid_instruction',
        orderId,
        `order ${orderId} refused: ${reason}`,
      );
    }
    this.#orders.set(orderId, { process, terms: order, cancelRequested: false });
    if (this.#tradingState !== undefined) process.tradingState(this.#tradingState(order.symbol));
    if (this.#fanout.add(process)) void this.#subscriptions?.subscribe(order.symbol);
  }

  #instruct(instruction: T | CancelInstruction): T {
    const { orderId } = instruction;
    const live = this.#orders.get(orderId);
    if (live === undefined) {
      if (this.#completed.has(orderId)) {
        throw new InstructionError('order_completed', orderId, `order ${orderId} is complete`);
      }
      throw new InstructionError('unknown_order', orderId, `no order ${orderId}`);
    }
    const { order } = live.process;
    assertSameIdentity(order, instruction);
    if (live.cancelRequested) {
      const code = instruction.msgType === 'replace' ? 'replace_after_cancel' : 'cancel_pending';
      throw new InstructionError(code, orderId, `order ${orderId} is being cancelled`);
    }
    let accepted: T;
    if (instruction.msgType === 'cancel') {
      live.cancelRequested = true;
      const { side, symbol } = order;
      accepted = Object.freeze(Object.assign({}, live.terms, instruction, { side, symbol }));
    } else {
      accepted = frozenCopy(instruction);
      live.terms = accepted;
    }
    this.stats.instructions++;
    live.process.instruct(accepted);
    this.#observers.emit('instructed', accepted);
    return accepted;
  }

  #onCompleted(process: OrderProcess<T>): void {
    const { order } = process;
    this.#orders.delete(order.orderId);
    this.#completed.add(order.orderId);
    this.stats.ordersCompleted++;
    if (this.#fanout.remove(process) && this.#stopping === undefined) {
      void this.#subscriptions?.unsubscribe(order.symbol);
    }
    this.#observers.emit('completed', order);
  }

  #fail(error: EngineError): void {
    this.#observers.emit('error', error);
  }

  /**
   * An observer that threw is reported as an `error` event. One that throws from `error` is
   * dropped: reporting it would call it again.
   */
  #observerFailed(error: unknown, event: keyof DispatcherEvents<T>): void {
    if (event === 'error') return;
    this.#fail({
      source: 'observer',
      error,
      message: `observer of ${event} threw: ${String(error)}`,
    });
  }
}

/** A shallow copy no one can change: what the dispatcher keeps of what a caller handed it. */
function frozenCopy<V extends object>(value: V): V {
  return Object.freeze({ ...value });
}
