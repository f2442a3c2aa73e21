import type { Order } from '../market/order.js';
import type { Report } from '../market/report.js';
import type { EngineError } from './errors.js';

/** What the dispatcher tells its observers (the journal, the metrics, the server hang off these). */
export interface DispatcherEvents<T extends Order> {
  /** A new order was accepted and its process started. */
  accepted: (order: T) => void;
  /** An order live before a restart was restored (see `Dispatcher.restore`). */
  restored: (order: T) => void;
  /** A replace or cancel was accepted and queued for the order's delegate. */
  instructed: (instruction: T) => void;
  /** An execution report was routed to its order. */
  reported: (report: Report) => void;
  /** The order's delegate said it is complete; the order has left the dispatcher. */
  completed: (order: T) => void;
  /** A delegate saved state to resume from after a restart (see `DelegateContext.checkpoint`). */
  checkpoint: (order: T, state: unknown) => void;
  /** Something failed and the engine carried on. */
  error: (error: EngineError) => void;
  subscribed: (symbol: string) => void;
  unsubscribed: (symbol: string) => void;
}

type AnyListener = (...args: unknown[]) => void;

/**
 * A small typed event emitter. A listener that throws is reported as an `error` event
 * (and one that throws from `error` is dropped), so an observer can never break the engine.
 */
export class Observers<T extends Order> {
  readonly #listeners = new Map<keyof DispatcherEvents<T>, AnyListener[]>();

  /** Adds a listener; returns the function that removes it. */
  on<K extends keyof DispatcherEvents<T>>(event: K, listener: DispatcherEvents<T>[K]): () => void {
    let list = this.#listeners.get(event);
    if (list === undefined) {
      list = [];
      this.#listeners.set(event, list);
    }
    const entry = listener as AnyListener;
    list.push(entry);
    return () => {
      const at = list.indexOf(entry);
      if (at >= 0) list.splice(at, 1);
    };
  }

  /** Calls every listener of an event with the arguments. */
  emit<K extends keyof DispatcherEvents<T>>(
    event: K,
    ...args: Parameters<DispatcherEvents<T>[K]>
  ): void {
    const list = this.#listeners.get(event);
    if (list === undefined) return;
    for (const listener of list) {
      try {
        listener(...args);
      } catch (error) {
        if (event !== 'error') {
          this.emit('error', {
            source: 'observer',
            error,
            message: `observer of ${event} threw: ${String(error)}`,
          });
        }
      }
    }
  }
}
