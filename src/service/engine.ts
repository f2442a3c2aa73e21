import type { CancelTimer, Clock } from '../core/clock.js';
import type { DelegateFactory } from '../core/delegate.js';
import { Dispatcher } from '../core/dispatcher.js';
import { type EngineError, InstructionError } from '../core/errors.js';
import type { MarketDataSubscriber } from '../core/market-data.js';
import { isTerminal } from '../market/ord-status.js';
import type { OrderEvent, OrderEventListener } from '../orders/order-event.js';
import type { ParentSnapshot } from '../orders/order-snapshot.js';
import type { ParentOrder } from '../orders/parent-order.js';
import { type ParentView, viewOf } from '../orders/parent-view.js';
import { MemoryOrderStore } from '../store/memory-order-store.js';
import type { OrderStore } from '../store/order-store.js';
import type { Venue } from '../venues/venue.js';
import { Broadcast } from './broadcast.js';
import { initialSnapshot } from './initial-snapshot.js';
import { instrumentedFactory } from './instrumented-factory.js';
import { createMetrics, type ServiceMetrics } from './metrics.js';
import type { NewOrderRequest, ReplaceOrderRequest } from './order-request.js';
import { QuoteBoard } from './quote-board.js';
import { type EngineStats, engineStats, type ServiceEvent } from './service-event.js';
import { SharedMarketData } from './shared-market-data.js';

/** The parts an engine is assembled from: market data, a venue, the algorithms, the symbols. */
export interface EngineParts {
  readonly clock: Clock;
  readonly marketData: MarketDataSubscriber;
  readonly venue: Venue;
  /** Builds the delegate factory; every order event its delegates emit goes to `listener`. */
  readonly createFactory: (listener: OrderEventListener) => DelegateFactory<ParentOrder>;
  /** The algorithm names the factory knows. */
  readonly algos: readonly string[];
  /** The symbols orders may trade; each is watched for the quote board. */
  readonly symbols: readonly string[];
  readonly store?: OrderStore;
  /** The shortest time between two quotes of one symbol shown to watchers (default 250 ms). */
  readonly quoteIntervalMs?: number;
  /** How often stats are published to watchers (default 1 s). */
  readonly statsIntervalMs?: number;
  /** Closes the market data source once everything else has stopped. */
  readonly closeMarketData?: () => void | Promise<void>;
  /** Hears every error the engine caught and carried on past. */
  readonly onError?: (error: EngineError) => void;
}

/**
 * The running execution engine: a dispatcher whose delegates report order events into the store,
 * the watchers' event stream and the metrics; market data shared between the dispatcher and the
 * quote board; venue reports routed back into the dispatcher.
 */
export class Engine {
  readonly dispatcher: Dispatcher<ParentOrder>;
  readonly store: OrderStore;
  readonly events: Broadcast<ServiceEvent>;
  readonly quotes: QuoteBoard;
  readonly metrics: ServiceMetrics;
  readonly symbols: readonly string[];
  readonly algos: readonly string[];
  readonly clock: Clock;
  /** How many delegates have been cleaned up (at stop, with their order live). */
  cleanedUp = 0;
  readonly #parts: EngineParts;
  readonly #marketData: SharedMarketData;
  /** Each live order as last instructed (accepted or replaced): what the next change starts from. */
  readonly #working = new Map<string, ParentOrder>();
  #statsTimer: CancelTimer | undefined;
  #stopping: Promise<void> | undefined;

  constructor(parts: EngineParts) {
    this.#parts = parts;
    this.clock = parts.clock;
    this.symbols = parts.symbols;
    this.algos = parts.algos;
    this.store = parts.store ?? new MemoryOrderStore();
    this.events = new Broadcast<ServiceEvent>((error) => this.#fail(observerError(error)));
    this.quotes = new QuoteBoard({
      clock: parts.clock,
      intervalMs: parts.quoteIntervalMs ?? 250,
      show: (quote) => this.events.publish({ type: 'quote', quote }),
    });
    this.#marketData = new SharedMarketData(parts.marketData, {
      quote: (quote) => this.quotes.push(quote),
      trade: () => {},
    });
    const listener: OrderEventListener = (event, order) => this.#onOrderEvent(event, order);
    const factory = parts.createFactory(listener);
    this.dispatcher = new Dispatcher<ParentOrder>({
      factory: instrumentedFactory(factory, {
        actionSeconds: (seconds) => this.metrics.actionSeconds(seconds),
        cleanedUp: (orderId) => {
          this.cleanedUp++;
          this.metrics.cleanedUp(orderId);
        },
      }),
      marketData: this.#marketData,
      clock: parts.clock,
    });
    this.metrics = createMetrics({ stats: this.dispatcher.stats, store: this.store });
    this.dispatcher.on('accepted', (order) => this.#onAccepted(order));
    this.dispatcher.on('instructed', (order) => {
      if (order.msgType === 'replace') this.#working.set(order.orderId, order);
    });
    this.dispatcher.on('completed', (order) => this.#working.delete(order.orderId));
    this.dispatcher.on('error', (error) => this.#onEngineError(error));
    parts.venue.onReport((report) => this.dispatcher.report(report));
  }

  /** Subscribes every symbol for the quote board and starts publishing stats. */
  async start(): Promise<void> {
    await Promise.all(this.symbols.map((symbol) => this.#marketData.watch(symbol)));
    this.#scheduleStats();
  }

  /**
   * Places a new order and returns its state as accepted; throws an InstructionError when the
   * symbol or algorithm is unknown, the algorithm refuses its parameters, or the engine is stopping.
   */
  place(request: NewOrderRequest): ParentSnapshot {
    if (!this.symbols.includes(request.symbol)) {
      const known = this.symbols.join(', ');
      throw new InstructionError(
        'invalid_instruction',
        undefined,
        `symbol: unknown symbol ${JSON.stringify(request.symbol)} (known: ${known})`,
      );
    }
    if (!this.algos.includes(request.algo)) {
      const known = this.algos.join(', ');
      throw new InstructionError(
        'invalid_instruction',
        undefined,
        `algo: unknown algorithm ${JSON.stringify(request.algo)} (known: ${known})`,
      );
    }
    const order = this.dispatcher.submit({ ...request, msgType: 'new' });
    return this.store.get(order.orderId)!;
  }

  /** Asks a working order's delegate for a new quantity and/or limit; returns its state now. */
  replace(orderId: string, request: ReplaceOrderRequest): ParentSnapshot {
    const working = this.#live(orderId);
    const replace: ParentOrder = {
      ...working,
      msgType: 'replace',
      side: request.side ?? working.side,
      symbol: request.symbol ?? working.symbol,
      quantity: request.quantity ?? working.quantity,
      limitPrice: request.limitPrice ?? working.limitPrice,
    };
    this.dispatcher.submit(replace);
    return this.store.get(orderId)!;
  }

  /** Asks a working order's delegate to cancel it; returns its state now. */
  cancel(orderId: string): ParentSnapshot {
    this.dispatcher.submit({ ...this.#live(orderId), msgType: 'cancel' });
    return this.store.get(orderId)!;
  }

  /** The dispatcher's counters as watchers see them, now. */
  stats(): EngineStats {
    return engineStats(this.dispatcher.stats, this.dispatcher.size, this.clock.now());
  }

  /**
   * Stops intake, lets the delegates clean up (orders are left as they are), then closes the
   * venue, the market data and the store. Safe to call more than once.
   */
  stop(): Promise<void> {
    this.#stopping ??= this.#stop();
    return this.#stopping;
  }

  async #stop(): Promise<void> {
    this.#statsTimer?.();
    this.quotes.close();
    await this.dispatcher.stop();
    await this.#parts.venue.close();
    await this.#marketData.close();
    await this.#parts.closeMarketData?.();
    await this.store.close();
  }

  #live(orderId: string): ParentOrder {
    const snapshot = this.store.get(orderId);
    if (snapshot === undefined) {
      throw new InstructionError('unknown_order', orderId, `no order ${orderId}`);
    }
    const working = this.#working.get(orderId);
    if (working === undefined || isTerminal(snapshot.status)) {
      throw new InstructionError(
        'order_completed',
        orderId,
        `order ${orderId} is ${snapshot.status}`,
      );
    }
    return working;
  }

  /** The dispatcher's acceptance is the authority: the order is stored as it is accepted. */
  #onAccepted(order: ParentOrder): void {
    this.#working.set(order.orderId, order);
    const time = this.clock.now();
    const accepted = { kind: 'accepted', orderId: order.orderId, time } as const;
    this.#record(accepted, viewOf(initialSnapshot(order, time)));
  }

  #onOrderEvent(event: OrderEvent, order: ParentView): void {
    // A delegate announcing its own acceptance repeats what the dispatcher's acceptance recorded.
    if (event.kind === 'accepted' && this.#working.has(event.orderId)) return;
    this.#record(event, order);
  }

  #record(event: OrderEvent, order: ParentView): void {
    this.store.record(event, order);
    if (event.kind === 'fill') this.metrics.fill();
    // Nobody watching (no dashboard, no event stream) is the common case under load.
    if (this.events.size > 0) this.events.publish({ type: 'order', event, order });
  }

  /** An engine error about an order becomes that order's `error` event, so watchers see it. */
  #onEngineError(error: EngineError): void {
    this.#fail(error);
    const snapshot = error.orderId === undefined ? undefined : this.store.get(error.orderId);
    if (snapshot === undefined || error.source === 'report') return;
    const event: OrderEvent = {
      kind: 'error',
      orderId: snapshot.orderId,
      time: this.clock.now(),
      message: error.message,
    };
    this.#record(event, viewOf(snapshot));
  }

  #fail(error: EngineError): void {
    this.#parts.onError?.(error);
  }

  #scheduleStats(): void {
    if (this.#stopping !== undefined) return;
    const interval = this.#parts.statsIntervalMs ?? 1000;
    this.#statsTimer = this.clock.setTimer(this.clock.now() + interval, () => {
      this.events.publish({ type: 'stats', stats: this.stats() });
      this.#scheduleStats();
    });
  }
}

function observerError(error: unknown): EngineError {
  return { source: 'observer', error, message: `event watcher failed: ${String(error)}` };
}
