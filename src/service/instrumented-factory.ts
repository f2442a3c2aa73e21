import type { Delegate, DelegateFactory } from '../core/delegate.js';
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
 * observer, while the delegates themselves, and the core, know nothing of metrics.
 */
export function instrumentedFactory<T extends Order>(
  factory: DelegateFactory<T>,
  observer: DelegateObserver,
): DelegateFactory<T> {
  return {
    create(order, context): Delegate<T> {
      const delegate = factory.create(order, context);
      const timed: Delegate<T> = {
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
      };
      return timed;
    },
  };
}
