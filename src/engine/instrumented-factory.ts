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
 * A factory whose delegates are timed: each `action` and each `cleanUp` is reported to the
 * observer, while the delegates themselves, and the core, know nothing of metrics. Restored
 * delegates (after a restart) are timed the same way.
 */
export function instrumentedFactory<T extends Order, R = unknown>(
  factory: DelegateFactory<T, R>,
  observer: DelegateObserver,
): DelegateFactory<T, R> {
  const timed = (delegate: Delegate<T>, context: DelegateContext<T>): Delegate<T> => ({
    action(update: Update<T>): boolean | Promise<boolean> {
      const start = performance.now();
      const result = delegate.action(update);
      if (typeof result === 'boolean') {
        observer.actionSeconds((performance.now() - start) / 1000);
        return result;
      }
      return result.finally(() => observer.actionSeconds((performance.now() - start) / 1000));
    },
    async cleanUp(): Promise<void> {
      await delegate.cleanUp?.();
      observer.cleanedUp(context.orderId);
    },
  });
  const restore = factory.restore?.bind(factory);
  return {
    create: (order, context) => timed(factory.create(order, context), context),
    ...(restore === undefined
      ? {}
      : {
          restore: (order: T, recovered: R, context: DelegateContext<T>) =>
            timed(restore(order, recovered, context), context),
        }),
  };
}
