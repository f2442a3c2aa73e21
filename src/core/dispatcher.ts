import type { Order } from '../market/order.js';
import type { Quote } from '../market/quote.js';
import type { Report } from '../market/report.js';
import type { Trade } from '../market/trade.js';
import { type Clock, RealClock } from './clock.js';
import { CompletedOrders } from './completed-orders.js';
import { ConflatingQueue } from './conflating-queue.js';
import type { DelegateFactory } from './delegate.js';
import { type EngineError, InstructionError } from './errors.js';
import { type DispatcherEvents, Observers } from './events.js';
import type { Instruction } from './instruction.js';
import { validateInstruction } from './instruction.js';
import type { MarketDataSink, MarketDataSubscriber } from './market-data.js';
import { orderIdGenerator } from './order-id.js';
import { OrderProcess, type ProcessOwner } from './order-process.js';
import { type DispatcherStats, newStats } from './stats.js';

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
}

interface LiveOrder<T extends Order> {
  readonly process: OrderProcess<T>;
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
  readonly #marketData: MarketDataSubscriber | undefined;
  readonly #newOrderId: () => string;
  readonly #scheduleDrain: (drain: () => void) => void;
  readonly #drainBudget: number;
  readonly #observers = new Observers<T>();
  readonly #orders = new Map<string, LiveOrder<T>>();
  readonly #bySymbol = new Map<string, OrderProcess<T>[]>();
  readonly #completed: CompletedOrders;
  readonly #quotes: ConflatingQueue<string, Quote>;
  readonly #trades: ConflatingQueue<string, Trade>;
  readonly #owner: ProcessOwner<T>;
  #drainScheduled = false;
  #stopping: Promise<void> | undefined;

  constructor(options: DispatcherOptions<T, R>) {
    this.#factory = options.factory;
    this.#marketData = options.marketData;
    this.clock = options.clock ?? new RealClock();
    this.#newOrderId = options.newOrderId ?? orderIdGenerator();
    this.#scheduleDrain = options.scheduleDrain ?? setImmediate;
    this.#drainBudget = options.drainBudget ?? DEFAULT_DRAIN_BUDGET;
    this.#completed = new CompletedOrders(options.rememberCompleted ?? 100_000);
    const onNonEmpty = (): void => this.#requestDrain();
    this.#quotes = new ConflatingQueue<string, Quote>({ key: symbolOf, onNonEmpty });
    this.#trades = new ConflatingQueue<string, Trade>({
      key: symbolOf,
      merge: aggregate,
      onNonEmpty,
    });
    this.#owner = {
      clock: this.clock,
      stats: this.stats,
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
   * Returns the instruction as accepted: a new order without an ID gets one here.
   */
  submit(instruction: Instruction<T>): T {
    if (this.#stopping !== undefined) {
      throw new InstructionError('stopped', instruction.orderId, 'the dispatcher is stopping');
    }
    validateInstruction(instruction);
    return instruction.msgType === 'new'
      ? this.#accept(instruction)
      : this.#instruct(instruction as T);
  }

  /**
   * Brings back an order that was live when the engine last stopped (or crashed), under its own ID,
   * without a new-order instruction: its delegate is rebuilt by the factory's `restore` from what
   * the service recovered, and its first update is marked `recovered`. Throws an InstructionError
   * (and starts nothing) for an order without an ID, one already known, or one that is malformed.
   */
  restore(order: T, recovered: R): T {
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
    this.#start(order, { recovered });
    this.stats.ordersRestored++;
    this.#observers.emit('restored', order);
    return order;
  }

  /** Routes an execution report to its order; a report for no live order is an error event. */
  report(report: Report): void {
    this.stats.reports++;
    const live = this.#orders.get(report.orderId);
    if (live === undefined) {
      const why = this.#completed.has(report.orderId) ? 'completed' : 'unknown';
      this.#fail({
        source: 'report',
        orderId: report.orderId,
        error: report,
        message: `report for ${why} order ${report.orderId} (status ${report.status}) not delivered`,
      });
      return;
    }
    live.process.report(report);
    this.#observers.emit('reported', report);
  }

  /** Takes a quote; quotes of a symbol conflate (the latest wins) until the next drain. */
  quote(quote: Quote): void {
    if (this.#stopping !== undefined) return;
    this.stats.quotesIn++;
    this.#quotes.push(quote);
  }

  /** Takes a trade; trades of a symbol aggregate (volume, VWAP) until the next drain. */
  trade(trade: Trade): void {
    if (this.#stopping !== undefined) return;
    this.stats.tradesIn++;
    this.#trades.push(trade);
  }

  /** The live order with this ID (as accepted), if any. */
  order(orderId: string): T | undefined {
    return this.#orders.get(orderId)?.process.order;
  }

  /** The number of live orders. */
  get size(): number {
    return this.#orders.size;
  }

  /** The symbols with live orders, which are the ones subscribed. */
  symbols(): string[] {
    return [...this.#bySymbol.keys()];
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
    const processes = [...this.#orders.values()].map((live) => live.process);
    await Promise.all(processes.map((process) => process.stop()));
    await Promise.all([...this.#bySymbol.keys()].map((symbol) => this.#unsubscribe(symbol)));
    this.#bySymbol.clear();
  }

  #accept(instruction: Instruction<T>): T {
    let orderId = instruction.orderId;
    if (orderId === undefined || orderId === '') {
      do orderId = this.#newOrderId();
      while (this.#orders.has(orderId) || this.#completed.has(orderId));
    } else {
      this.#refuseKnown(orderId);
    }
    const order = { ...instruction, orderId } as T;
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
    this.#orders.set(orderId, { process, cancelRequested: false });
    const peers = this.#bySymbol.get(order.symbol);
    if (peers === undefined) {
      this.#bySymbol.set(order.symbol, [process]);
      this.#subscribe(order.symbol);
    } else {
      peers.push(process);
    }
  }

  #instruct(instruction: T): T {
    const { orderId } = instruction;
    const live = this.#orders.get(orderId);
    if (live === undefined) {
      if (this.#completed.has(orderId)) {
        throw new InstructionError('order_completed', orderId, `order ${orderId} is complete`);
      }
      throw new InstructionError('unknown_order', orderId, `no order ${orderId}`);
    }
    const { order } = live.process;
    if (instruction.side !== order.side) {
      throw new InstructionError(
        'side_changed',
        orderId,
        `order ${orderId} is a ${order.side}: side cannot change`,
      );
    }
    if (instruction.symbol !== order.symbol) {
      throw new InstructionError(
        'symbol_changed',
        orderId,
        `order ${orderId} is on ${order.symbol}: symbol cannot change`,
      );
    }
    if (live.cancelRequested) {
      const code = instruction.msgType === 'replace' ? 'replace_after_cancel' : 'cancel_pending';
      throw new InstructionError(code, orderId, `order ${orderId} is being cancelled`);
    }
    if (instruction.msgType === 'cancel') live.cancelRequested = true;
    this.stats.instructions++;
    live.process.instruct(instruction);
    this.#observers.emit('instructed', instruction);
    return instruction;
  }

  #requestDrain(): void {
    if (this.#drainScheduled) return;
    this.#drainScheduled = true;
    this.#scheduleDrain(this.#drain);
  }

  readonly #drain = (): void => {
    this.#drainScheduled = false;
    const bySymbol = this.#bySymbol;
    const stats = this.stats;
    let budget = this.#drainBudget;
    while (budget > 0) {
      const quote = this.#quotes.pop();
      const trade = this.#trades.pop();
      if (quote === undefined && trade === undefined) return;
      if (quote !== undefined) {
        stats.quotesDispatched++;
        const processes = bySymbol.get(quote.symbol);
        if (processes !== undefined) {
          for (const process of processes) process.quote(quote);
          budget -= processes.length;
        }
      }
      if (trade !== undefined) {
        stats.tradesDispatched++;
        const processes = bySymbol.get(trade.symbol);
        if (processes !== undefined) {
          for (const process of processes) process.trade(trade);
          budget -= processes.length;
        }
      }
      budget--;
    }
    if (this.#quotes.size > 0 || this.#trades.size > 0) this.#requestDrain();
  };

  #onCompleted(process: OrderProcess<T>): void {
    const { order } = process;
    this.#orders.delete(order.orderId);
    this.#completed.add(order.orderId);
    this.stats.ordersCompleted++;
    const peers = this.#bySymbol.get(order.symbol);
    if (peers !== undefined) {
      const at = peers.indexOf(process);
      if (at >= 0) {
        peers[at] = peers[peers.length - 1]!;
        peers.pop();
      }
      if (peers.length === 0 && this.#stopping === undefined) {
        this.#bySymbol.delete(order.symbol);
        void this.#unsubscribe(order.symbol);
      }
    }
    this.#observers.emit('completed', order);
  }

  #subscribe(symbol: string): void {
    const marketData = this.#marketData;
    if (marketData === undefined) return;
    this.#settleSubscription(
      symbol,
      'subscribe',
      () => marketData.subscribe(symbol, this),
      'subscribed',
    );
  }

  #unsubscribe(symbol: string): Promise<void> {
    const marketData = this.#marketData;
    if (marketData === undefined) return Promise.resolve();
    return this.#settleSubscription(
      symbol,
      'unsubscribe',
      () => marketData.unsubscribe(symbol),
      'unsubscribed',
    );
  }

  async #settleSubscription(
    symbol: string,
    verb: string,
    call: () => void | Promise<void>,
    event: 'subscribed' | 'unsubscribed',
  ): Promise<void> {
    try {
      await call();
      this.#observers.emit(event, symbol);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.#fail({
        source: 'subscription',
        symbol,
        error,
        message: `${verb} ${symbol} failed: ${reason}`,
      });
    }
  }

  #fail(error: EngineError): void {
    this.#observers.emit('error', error);
  }
}

const DEFAULT_DRAIN_BUDGET = 10_000;

function symbolOf(item: { readonly symbol: string }): string {
  return item.symbol;
}

function aggregate(queued: Trade, incoming: Trade): Trade {
  return queued.aggregate(incoming);
}
