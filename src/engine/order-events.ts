import type { Clock } from '../core/clock.js';
import type { Emitter } from '../core/emitter.js';
import type { EngineError } from '../core/errors.js';
import type { OrderEvent } from '../orders/order-event.js';
import type { ParentOrder } from '../orders/parent-order.js';
import { ParentState } from '../orders/parent-state.js';
import { type ParentView, viewOf } from '../orders/parent-view.js';
import type { RecoveryNotice } from '../recovery/reconcile.js';
import type { CommitGate } from './commit-gate.js';
import type { ServiceMetrics } from './metrics.js';
import type { OrderStore } from './order-store.js';
import { recoveryNotice } from './recovery-events.js';
import type { ServiceEvents } from './service-event.js';

/** What order events are recorded into and published through. */
export interface OrderEventsParts {
  readonly store: OrderStore;
  readonly metrics: ServiceMetrics;
  readonly events: Emitter<ServiceEvents>;
  /** Holds each event for watchers until the journal rows before it committed. */
  readonly gate: CommitGate;
  readonly clock: Clock;
  /** Whether the dispatcher holds the order: a live order has had its acceptance recorded. */
  readonly isLive: (orderId: string) => boolean;
  /** Hears every error the engine caught and carried on past. */
  readonly fail: (error: EngineError) => void;
}

/**
 * Where every order event goes: into the store, into the metrics, and to watchers once the journal
 * rows before it committed. Engine errors about an order and disagreements with the venue become
 * that order's `error` event here too.
 */
export class OrderEvents {
  readonly #parts: OrderEventsParts;

  constructor(parts: OrderEventsParts) {
    this.#parts = parts;
  }

  /**
   * The dispatcher's acceptance is the authority: the order is stored as it is accepted, at the
   * time its instruction was journaled with.
   */
  accepted(order: ParentOrder): void {
    const time = order.time ?? this.#parts.clock.now();
    const accepted = { kind: 'accepted', orderId: order.orderId, time } as const;
    this.#record(accepted, ParentState.accepted(order, time));
  }

  /** An event a delegate emitted; its own acceptance repeats what `accepted` recorded, and is skipped. */
  delegated(event: OrderEvent, order: ParentView): void {
    if (event.kind === 'accepted' && this.#parts.isLive(event.orderId)) return;
    this.#record(event, order);
  }

  /** Stores the event, counts a fill, and publishes the event to watchers once it is durable. */
  #record(event: OrderEvent, order: ParentView): void {
    const { store, metrics, events, gate } = this.#parts;
    store.record(event, order);
    if (event.kind === 'fill') metrics.fill();
    metrics.orderEvent(event, order);
    // Nobody watching (no dashboard, no event stream) is the common case under load.
    if (events.listenerCount('event') === 0) return;
    // The event leaves once the rows before it committed, showing the order as it was then.
    const then = viewOf(order.snapshot());
    gate.hold(() => events.emit('event', { type: 'order', event, order: then }));
  }

  /** An engine error is reported; one about an order becomes that order's `error` event. */
  engineError(error: EngineError): void {
    const { store, clock, fail } = this.#parts;
    fail(error);
    const snapshot = error.orderId === undefined ? undefined : store.get(error.orderId);
    if (snapshot === undefined || error.source === 'report') return;
    const event: OrderEvent = {
      kind: 'error',
      orderId: snapshot.orderId,
      time: clock.now(),
      message: error.message,
    };
    this.#record(event, viewOf(snapshot));
  }

  /**
   * A disagreement with the venue that recovery or the journaled venue found: logged as an engine
   * error, shown as the order's `error` event, and counted in /metrics by kind.
   */
  venueNotice(notice: RecoveryNotice): void {
    this.#parts.metrics.discrepancy(notice.kind);
    this.engineError(recoveryNotice(notice));
  }
}
