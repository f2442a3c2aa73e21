import type { VirtualClock } from '../../src/core/clock.js';
import type { Delegate, DelegateContext, DelegateFactory } from '../../src/core/delegate.js';
import { Dispatcher } from '../../src/core/dispatcher.js';
import type { EngineError } from '../../src/core/errors.js';
import type { MarketDataSubscriber } from '../../src/core/market-data.js';
import type { Update } from '../../src/core/update.js';
import { decimal } from '../../src/market/decimal.js';
import type { Order } from '../../src/market/order.js';
import { Quote } from '../../src/market/quote.js';
import type { Report } from '../../src/market/report.js';
import { Trade } from '../../src/market/trade.js';

/** Lets every pending setImmediate and microtask run: the dispatcher drains on setImmediate. */
export async function settle(turns = 3): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

/** A promise with its resolve exposed, to hold a delegate inside an awaited action. */
export interface Gate {
  readonly promise: Promise<void>;
  open(): void;
}

export function gate(): Gate {
  let open = (): void => {};
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

/** What a recording delegate saw. */
export interface Recording<T extends Order> {
  readonly updates: Update<T>[];
  readonly context: DelegateContext<T>;
  cleanUps: number;
  /** Set to make the next actions wait until the gate opens. */
  block: Gate | undefined;
  /** Set to make actions complete the order. */
  completeOn: ((update: Update<T>) => boolean) | undefined;
  /** Set to make actions throw. */
  failWith: Error | undefined;
}

/** A factory of delegates that record every update, and can be blocked, failed or completed. */
export function recordingFactory<T extends Order = Order>(): {
  factory: DelegateFactory<T>;
  recordings: Map<string, Recording<T>>;
} {
  const recordings = new Map<string, Recording<T>>();
  const factory: DelegateFactory<T> = {
    create(order, context): Delegate<T> {
      const recording: Recording<T> = {
        updates: [],
        context,
        cleanUps: 0,
        block: undefined,
        completeOn: undefined,
        failWith: undefined,
      };
      recordings.set(order.orderId, recording);
      return {
        action(update) {
          recording.updates.push(update);
          if (recording.failWith !== undefined) throw recording.failWith;
          const done = recording.completeOn?.(update) ?? false;
          const blocked = recording.block;
          if (blocked !== undefined) return blocked.promise.then(() => done);
          return done;
        },
        cleanUp() {
          recording.cleanUps++;
        },
      };
    },
  };
  return { factory, recordings };
}

export function newOrder(symbol: string, side: 'buy' | 'sell' = 'buy', orderId?: string) {
  return { orderId, side, symbol, msgType: 'new' as const };
}

export function quote(symbol: string, bid: string, ask = bid): Quote {
  return Quote.of({
    symbol,
    bidPx: decimal(bid),
    bidQty: decimal('1'),
    askPx: decimal(ask),
    askQty: decimal('1'),
  });
}

export function trade(symbol: string, px: string, qty: string): Trade {
  return Trade.of(symbol, decimal(px), decimal(qty));
}

export function report(orderId: string, text: string): Report {
  return { orderId, status: 'new', transactTime: 0, text };
}

/** A dispatcher over recording delegates, with the error events it raised. */
export function setup(options: { marketData?: MarketDataSubscriber; clock?: VirtualClock } = {}) {
  const { factory, recordings } = recordingFactory();
  const dispatcher = new Dispatcher<Order>({ factory, ...options });
  const errors: EngineError[] = [];
  dispatcher.on('error', (error) => errors.push(error));
  return { dispatcher, recordings, errors };
}

/** A synchronous market-data subscriber that records its calls as `+SYM` and `-SYM`. */
export function spySubscriber() {
  const calls: string[] = [];
  const subscriber: MarketDataSubscriber = {
    subscribe: (symbol) => {
      calls.push(`+${symbol}`);
    },
    unsubscribe: (symbol) => {
      calls.push(`-${symbol}`);
    },
  };
  return { subscriber, calls };
}
