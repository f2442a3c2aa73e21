import { createAlgoFactory } from '../../src/algos/algo-factory.js';
import type { InstrumentLookup } from '../../src/algos/instrument.js';
import { VirtualClock } from '../../src/core/clock.js';
import { Dispatcher } from '../../src/core/dispatcher.js';
import type { EngineError } from '../../src/core/errors.js';
import { decimal } from '../../src/market/decimal.js';
import { Quote } from '../../src/market/quote.js';
import type { Side } from '../../src/market/side.js';
import type { TradingState } from '../../src/market/trading-state.js';
import type { OrderEvent } from '../../src/orders/order-event.js';
import type { ParentSnapshot } from '../../src/orders/order-snapshot.js';
import type { ParentOrder } from '../../src/orders/parent-order.js';
import { settle } from '../core/helpers.js';
import { FakeVenue } from './fake-venue.js';

export const SYMBOL = 'BTC-USD';

/**
 * A real dispatcher on a virtual clock (from 0, unless one is given), with the algorithm factory
 * and a scripted fake venue; the symbol's trading state is `active` until `tradingState` says.
 */
export function harness(options: { instruments?: InstrumentLookup; clock?: VirtualClock } = {}) {
  const { clock = new VirtualClock(0), instruments } = options;
  let state: TradingState = 'active';
  const venue = new FakeVenue();
  const events: Array<{ event: OrderEvent; snapshot: ParentSnapshot }> = [];
  const factory = createAlgoFactory({
    venue,
    listener: (event, order) => events.push({ event, snapshot: order.snapshot() }),
    ...(instruments === undefined ? {} : { instruments }),
  });
  const dispatcher = new Dispatcher<ParentOrder>({ factory, clock, tradingState: () => state });
  const engineErrors: EngineError[] = [];
  dispatcher.on('error', (error) => engineErrors.push(error));
  venue.onReport((report) => dispatcher.report(report));

  return {
    clock,
    venue,
    events,
    dispatcher,
    engineErrors,
    /** Places an order and lets its first update run. */
    async place(terms: {
      side?: Side;
      quantity: string;
      limitPrice?: string;
      algo: string;
      params?: Record<string, unknown>;
    }): Promise<ParentOrder> {
      const order = dispatcher.submit({
        side: terms.side ?? 'buy',
        symbol: SYMBOL,
        msgType: 'new',
        quantity: decimal(terms.quantity),
        ...(terms.limitPrice === undefined ? {} : { limitPrice: decimal(terms.limitPrice) }),
        algo: terms.algo,
        params: terms.params ?? {},
      });
      await settle();
      return order;
    },
    /** Sends a quote and lets it reach the delegates. */
    async quote(bid: string, bidQty: string, ask: string, askQty: string): Promise<void> {
      dispatcher.quote(
        Quote.of({
          symbol: SYMBOL,
          bidPx: decimal(bid),
          bidQty: decimal(bidQty),
          askPx: decimal(ask),
          askQty: decimal(askQty),
        }),
      );
      await settle();
    },
    async replace(order: ParentOrder, quantity: string, limitPrice?: string): Promise<void> {
      dispatcher.submit({
        ...order,
        msgType: 'replace',
        quantity: decimal(quantity),
        ...(limitPrice === undefined ? {} : { limitPrice: decimal(limitPrice) }),
      });
      await settle();
    },
    async cancel(order: ParentOrder): Promise<void> {
      dispatcher.submit({ ...order, msgType: 'cancel' });
      await settle();
    },
    /** Puts the symbol in `next` and lets the delegates hear of it. */
    async tradingState(next: TradingState): Promise<void> {
      state = next;
      dispatcher.tradingStateChanged();
      await settle();
    },
    /** Moves virtual time on and lets the wake-ups reach the delegates. */
    async advance(ms: number): Promise<void> {
      clock.advance(ms);
      await settle();
    },
    /** Each child sent, as [virtual time, quantity]. */
    sentAt(): Array<[number, string]> {
      return events.flatMap(({ event }) =>
        event.kind === 'child_sent'
          ? [[event.time, event.child.quantity.toFixed()] as [number, string]]
          : [],
      );
    },
    kinds(): string[] {
      return events.map((e) => e.event.kind);
    },
    latest(): ParentSnapshot {
      const last = events[events.length - 1];
      if (last === undefined) throw new Error('no events');
      return last.snapshot;
    },
    /** Whether the order has left the dispatcher (its delegate said it is complete). */
    isComplete(order: ParentOrder): boolean {
      return dispatcher.order(order.orderId) === undefined;
    },
  };
}

export { settle };
