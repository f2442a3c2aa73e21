import type { Order } from '../market/order.js';
import type { Side } from '../market/side.js';
import type { CancelTimer, Clock } from './clock.js';
import type { Update } from './update.js';

/**
 * A user's execution algorithm for one order. The container hands it updates one at a time:
 * `action` is never called again before the previous call (or its promise) has finished.
 */
export interface Delegate<T extends Order> {
  /** Decides on an update; returns true when the order is complete and the process may end. */
  action(update: Update<T>): boolean | Promise<boolean>;
  /** Called once when the engine stops with this order still live. Stopping does not cancel orders. */
  cleanUp?(): void | Promise<void>;
}

/** What the container gives a delegate: the order's identity, time, and wake-ups. */
export interface DelegateContext<T extends Order> {
  readonly orderId: string;
  readonly side: Side;
  readonly symbol: string;
  /** The new-order instruction as accepted (with its exo-assigned ID). */
  readonly order: T;
  readonly clock: Clock;
  /**
   * Uniform draws in [0, 1) for a delegate's own randomness: seeded in a replay (from the run's
   * seed and the order), so a rerun draws the same; absent live, where Math.random serves.
   */
  readonly random?: () => number;
  /** Asks for an update at `time` (ms since the epoch) whose `wakeups` holds that time. */
  wakeAt(time: number): CancelTimer;
  /**
   * Saves a small piece of the delegate's state (a schedule, a phase) so that after a restart
   * `DelegateFactory.restore` can resume rather than start over. The container only announces it
   * (the dispatcher's `checkpoint` event); the service decides where it is kept.
   */
  checkpoint(state: unknown): void;
}

/**
 * Builds the delegate for each order: how users plug their algorithms into exo.
 * `R` is what the service recovered of an order after a restart (its fills, children, last
 * checkpoint): the container only passes it through.
 */
export interface DelegateFactory<T extends Order, R = unknown> {
  /** The delegate of a new order; throwing refuses the order with the error's message. */
  create(order: T, context: DelegateContext<T>): Delegate<T>;
  /**
   * The delegate of an order recovered after a restart, rebuilt from what was recovered rather
   * than replayed through old updates. Without it, `create` builds recovered orders too.
   */
  restore?(order: T, recovered: R, context: DelegateContext<T>): Delegate<T>;
}
