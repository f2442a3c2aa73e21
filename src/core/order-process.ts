import type { Order } from '../market/order.js';
import type { Quote } from '../market/quote.js';
import type { Report } from '../market/report.js';
import type { TradingState } from '../market/trading-state.js';
import type { ActionTiming } from './action-timing.js';
import type { CancelTimer, Clock } from './clock.js';
import type { Delegate, DelegateContext, DelegateFactory } from './delegate.js';
import type { EngineError } from './errors.js';
import { runSoon } from './run-soon.js';
import type { DispatcherStats } from './stats.js';
import { PendingUpdate, type Update } from './update.js';

/** How an order process talks back to whoever owns it (the dispatcher). */
export interface ProcessOwner<T extends Order> {
  readonly clock: Clock;
  readonly stats: DispatcherStats;
  /** Times the delegates' actions and sees their cleanUp, when someone wants to know. */
  readonly timing?: ActionTiming | undefined;
  completed(process: OrderProcess<T>): void;
  checkpoint(order: T, state: unknown): void;
  failed(error: EngineError): void;
}

/**
 * Runs for the lifetime of one order: a thin container around its delegate. Everything that
 * arrives while the delegate is busy merges into one pending update, handed over when it is free.
 * A delegate error is reported and the process carries on; `true` from the delegate ends it.
 * Once the process is closed (completed or stopped), whatever arrives is dropped, never held.
 */
export class OrderProcess<T extends Order, R = unknown> {
  readonly order: T;
  readonly #owner: ProcessOwner<T>;
  readonly #delegate: Delegate<T>;
  #pending: PendingUpdate<T> | undefined;
  /** True while a run is queued or the delegate is acting: arrivals then only merge. */
  #scheduled = false;
  /** True once the order completed or the engine stopped: no action is ever called again. */
  #closed = false;
  /** True once the delegate said the order is complete. */
  #complete = false;
  #inflight: Promise<void> | undefined;
  /** The wake-ups asked for and not yet fired; made on the first (most delegates ask none). */
  #timers: Set<CancelTimer> | undefined;

  /**
   * Builds the delegate through the factory and queues its first update: the new order itself,
   * or, for an order restored after a restart, an update marked `recovered`.
   */
  constructor(
    order: T,
    factory: DelegateFactory<T, R>,
    owner: ProcessOwner<T>,
    restored?: { readonly recovered: R },
  ) {
    this.order = order;
    this.#owner = owner;
    const context = this.#context();
    if (restored === undefined) {
      this.#delegate = factory.create(order, context);
      this.instruct(order);
    } else {
      this.#delegate =
        factory.restore === undefined
          ? factory.create(order, context)
          : factory.restore(order, restored.recovered, context);
      this.#next().recovered = true;
      this.#schedule();
    }
  }

  get orderId(): string {
    return this.order.orderId;
  }

  /** Whether the order completed or the process was stopped. */
  get closed(): boolean {
    return this.#closed;
  }

  instruct(instruction: T): void {
    if (this.#closed) return;
    this.#next().addInstruction(instruction);
    this.#schedule();
  }

  report(report: Report): void {
    if (this.#closed) return;
    this.#next().addReport(report);
    this.#schedule();
  }

  quote(quote: Quote): void {
    if (this.#closed) return;
    this.#next().quote = quote;
    this.#schedule();
  }

  /**
   * A fan-out drain's news of the order's symbol (the latest quote and the trades aggregated,
   * either possibly absent), shared by the symbol's orders. An idle delegate acts on it at once,
   * inside the drain, as its update, so the drain touches the order once and allocates nothing for
   * it; a busy one (acting, or with an update already queued, say an instruction's) gets it merged
   * into that update, so it never runs twice at once.
   */
  marketData(news: Update<never>): void {
    if (this.#closed) return;
    if (!this.#scheduled && this.#pending === undefined) {
      this.#scheduled = true;
      this.#actOn(news);
      return;
    }
    const next = this.#next();
    if (news.quote !== undefined) next.quote = news.quote;
    if (news.trade !== undefined) next.addTrade(news.trade);
  }

  /** The symbol's effective trading state now: the latest replaces any not yet handed over. */
  tradingState(state: TradingState): void {
    if (this.#closed) return;
    this.#next().tradingState = state;
    this.#schedule();
  }

  wake(time: number): void {
    if (this.#closed) return;
    this.#next().addWakeup(time);
    this.#schedule();
  }

  /**
   * Stops the process: lets an in-flight action finish, never calls `action` again,
   * then calls the delegate's `cleanUp` once. Does nothing for a completed order.
   */
  async stop(): Promise<void> {
    if (this.#closed) return;
    this.#close();
    if (this.#inflight !== undefined) await this.#inflight;
    if (this.#complete) return;
    try {
      await this.#delegate.cleanUp?.();
      this.#owner.timing?.observer.cleanedUp(this.orderId);
    } catch (error) {
      this.#fail('cleanup', error);
    }
  }

  #next(): PendingUpdate<T> {
    if (this.#pending === undefined) this.#pending = new PendingUpdate<T>();
    return this.#pending;
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    runSoon(this.#run);
  }

  /** Runs the delegate on what is pending, from a batched microtask (see runSoon). */
  readonly #run = (): void => this.#act();

  /** Hands the pending update to the delegate, or goes idle when there is none. */
  #act(): void {
    const update = this.#pending;
    this.#pending = undefined;
    if (update === undefined || this.#closed) {
      this.#scheduled = false;
      return;
    }
    this.#actOn(update);
  }

  /** Hands `update` to the delegate (the process is scheduled: nothing else runs it meanwhile). */
  #actOn(update: Update<T>): void {
    const owner = this.#owner;
    owner.stats.updatesDelivered++;
    const timing = owner.timing;
    const start = timing === undefined ? 0 : timing.start();
    let result: boolean | Promise<boolean>;
    try {
      result = this.#delegate.action(update);
    } catch (error) {
      this.#fail('delegate', error);
      this.#settle(false, false);
      return;
    }
    if (typeof result === 'boolean') {
      timing?.returned(start);
      this.#settle(result, false);
    } else {
      const settled = timing === undefined ? result : timing.settled(result, start);
      this.#inflight = Promise.resolve(settled).then(
        (complete) => this.#resolved(complete),
        (error: unknown) => this.#rejected(error),
      );
    }
  }

  #resolved(complete: boolean): void {
    this.#inflight = undefined;
    this.#settle(complete === true, true);
  }

  #rejected(error: unknown): void {
    this.#inflight = undefined;
    this.#fail('delegate', error);
    this.#settle(false, true);
  }

  /** After an action: complete, or hand over what arrived meanwhile, or go idle. */
  #settle(complete: boolean, async: boolean): void {
    if (complete && !this.#complete) {
      // An action in flight when the engine stopped may still complete its order: say so.
      this.#complete = true;
      this.#close();
      this.#owner.completed(this);
      return;
    }
    if (this.#pending === undefined || this.#closed) {
      this.#scheduled = false;
    } else if (async) {
      this.#act();
    } else {
      runSoon(this.#run);
    }
  }

  #close(): void {
    this.#closed = true;
    this.#pending = undefined;
    const timers = this.#timers;
    this.#timers = undefined;
    if (timers !== undefined) for (const cancel of timers) cancel();
  }

  #fail(source: 'delegate' | 'cleanup', error: unknown): void {
    if (source === 'delegate') this.#owner.stats.delegateErrors++;
    const reason = error instanceof Error ? error.message : String(error);
    this.#owner.failed({
      source,
      orderId: this.orderId,
      error,
      message: `order ${this.orderId}: ${source} failed: ${reason}`,
    });
  }

  #context(): DelegateContext<T> {
    const order = this.order;
    const clock = this.#owner.clock;
    return {
      orderId: order.orderId,
      side: order.side,
      symbol: order.symbol,
      order,
      clock,
      checkpoint: (state: unknown): void => {
        if (!this.#closed) this.#owner.checkpoint(order, state);
      },
      wakeAt: (time: number): CancelTimer => {
        if (this.#closed) return () => {};
        const cancel = clock.setTimer(time, () => {
          this.#timers?.delete(cancel);
          this.wake(time);
        });
        this.#timers ??= new Set();
        this.#timers.add(cancel);
        return () => {
          this.#timers?.delete(cancel);
          cancel();
        };
      },
    };
  }
}
