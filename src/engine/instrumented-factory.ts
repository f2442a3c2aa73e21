import type { Delegate, DelegateContext, DelegateFactory } from '../core/delegate.js';
import type { Update } from '../core/update.js';
import type { Order } from '../market/order.js';

/** What an instrumented factory reports about the delegates it builds. */
export interface DelegateObserver {
  /** How long one `action` took, in seconds, until its promise settled when it returned one. */
  actionSeconds(seconds: number): void;
  /** A delegate's `cleanUp` finished (the engine stopped with the order live). */
  cleanedUp(orderId: string): void;
}

/**
 * One synchronous action in this many is timed. Reading the clock twice and observing a
 * histogram costs more than a fast delegate's whole action, so timing them all would make the
 * timing most of the fan-out's work; a sample shows their distribution as well.
 */
const SYNC_ACTIONS_PER_SAMPLE = 64;

/**
 * A factory whose delegates are timed: a sample of the synchronous actions (one in
 * SYNC_ACTIONS_PER_SAMPLE, counted across the factory's delegates, the first one included) and
 * every action that returns a promise, until it settles, are reported to the observer, as is each
 * `cleanUp`; the delegates themselves, and the core, know nothing of metrics. An action outside
 * the sample that turns out asynchronous is timed from its return, so a slow action is never
 * missed (only its synchronous start is). Restored delegates (after a restart) are timed the same.
 */
export function instrumentedFactory<T extends Order, R = unknown>(
  factory: DelegateFactory<T, R>,
  observer: DelegateObserver,
): DelegateFactory<T, R> {
  const sampler = new ActionSampler(observer);
  const restore = factory.restore?.bind(factory);
  return {
    create: (order, context) => new TimedDelegate(factory.create(order, context), context, sampler),
    ...(restore === undefined
      ? {}
      : {
          restore: (order: T, recovered: R, context: DelegateContext<T>) =>
            new TimedDelegate(restore(order, recovered, context), context, sampler),
        }),
  };
}

/** Which actions a factory's delegates time, and where the times go. */
class ActionSampler {
  readonly observer: DelegateObserver;
  /** Synchronous actions left before the next one timed. */
  untimed = 0;

  constructor(observer: DelegateObserver) {
    this.observer = observer;
  }

  /** Reports `result`'s time from `start` (performance.now()) once it settles. */
  settled(result: Promise<boolean>, start: number): Promise<boolean> {
    return result.finally(() => this.observer.actionSeconds((performance.now() - start) / 1000));
  }
}

/**
 * A delegate timed for its factory's sampler. A class, not a closure per delegate: a fan-out
 * calls thousands of them per drain, and one object per delegate is all a call then touches.
 */
class TimedDelegate<T extends Order> implements Delegate<T> {
  readonly #delegate: Delegate<T>;
  readonly #orderId: string;
  readonly #sampler: ActionSampler;

  constructor(delegate: Delegate<T>, context: DelegateContext<T>, sampler: ActionSampler) {
    this.#delegate = delegate;
    // The order ID alone, not the context: the delegate decides whether the context stays alive.
    this.#orderId = context.orderId;
    this.#sampler = sampler;
  }

  action(update: Update<T>): boolean | Promise<boolean> {
    const sampler = this.#sampler;
    if (sampler.untimed > 0) {
      sampler.untimed--;
      const result = this.#delegate.action(update);
      return typeof result === 'boolean' ? result : sampler.settled(result, performance.now());
    }
    sampler.untimed = SYNC_ACTIONS_PER_SAMPLE - 1;
    const start = performance.now();
    const result = this.#delegate.action(update);
    if (typeof result !== 'boolean') return sampler.settled(result, start);
    sampler.observer.actionSeconds((performance.now() - start) / 1000);
    return result;
  }

  async cleanUp(): Promise<void> {
    await this.#delegate.cleanUp?.();
    this.#sampler.observer.cleanedUp(this.#orderId);
  }
}
