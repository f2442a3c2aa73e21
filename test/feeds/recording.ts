import type { DelegateFactory } from '../../src/core/delegate.js';
import type { MarketDataSink } from '../../src/core/market-data.js';
import type { Update } from '../../src/core/update.js';
import type { Order } from '../../src/market/order.js';
import type { Quote } from '../../src/market/quote.js';
import type { Trade } from '../../src/market/trade.js';

/** A sink that keeps every quote and trade it is given. */
export class RecordingSink implements MarketDataSink {
  readonly quotes: Quote[] = [];
  readonly trades: Trade[] = [];

  quote(quote: Quote): void {
    this.quotes.push(quote);
  }

  trade(trade: Trade): void {
    this.trades.push(trade);
  }

  /** The trade IDs received, in order. */
  tradeIds(): string[] {
    return this.trades.map((trade) => trade.tradeId ?? '?');
  }
}

/** A trivial delegate factory: every delegate records its updates and completes on a cancel. */
export function recordingFactory(): {
  readonly factory: DelegateFactory<Order>;
  readonly updates: Map<string, Update<Order>[]>;
} {
  const updates = new Map<string, Update<Order>[]>();
  const factory: DelegateFactory<Order> = {
    create(order) {
      const seen: Update<Order>[] = [];
      updates.set(order.orderId, seen);
      return {
        action(update) {
          seen.push(update);
          return update.instructions.some((instruction) => instruction.msgType === 'cancel');
        },
      };
    },
  };
  return { factory, updates };
}
