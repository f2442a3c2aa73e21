/**
 * The smallest complete exo program: one order, one delegate, market data pushed by hand.
 * Run it with `npx tsx examples/hello-delegate.ts`; test/examples runs it too, so it never rots.
 */
import { type Delegate, type DelegateFactory, Dispatcher, type Update } from '../src/core/index.js';
import { decimal, type Order, Quote, Trade } from '../src/market/index.js';

/** The delegate: remembers the mid of every quote it sees, completes when asked to cancel. */
class MidWatcher implements Delegate<Order> {
  readonly mids: string[] = [];

  constructor(readonly log: (line: string) => void) {}

  action(update: Update<Order>): boolean {
    if (update.quote !== undefined) {
      this.mids.push(update.quote.mid().toString());
      this.log(`mid ${update.quote.mid()} spread ${update.quote.spread()}`);
    }
    if (update.trade !== undefined) {
      const { volume, vwap, count } = update.trade;
      this.log(`${count} trade(s): volume ${volume} vwap ${vwap}`);
    }
    return update.instructions.some((instruction) => instruction.msgType === 'cancel');
  }
}

/** Runs the example and returns what the delegate logged. */
export async function main(log: (line: string) => void = console.log): Promise<string[]> {
  const lines: string[] = [];
  const record = (line: string): void => {
    lines.push(line);
    log(line);
  };
  const factory: DelegateFactory<Order> = { create: () => new MidWatcher(record) };
  const dispatcher = new Dispatcher<Order>({ factory });
  dispatcher.on('completed', (order) => record(`order ${order.orderId} complete`));

  const order = dispatcher.submit({ side: 'buy', symbol: 'BTC-USD', msgType: 'new' });
  const quote = (bid: string, ask: string): Quote =>
    Quote.of({
      symbol: 'BTC-USD',
      bidPx: decimal(bid),
      bidQty: decimal('1'),
      askPx: decimal(ask),
      askQty: decimal('2'),
    });

  // A burst within one turn of the event loop: the delegate sees only the latest quote,
  // and the two trades as one aggregate.
  dispatcher.quote(quote('100', '101'));
  dispatcher.quote(quote('100.5', '101.5'));
  dispatcher.trade(Trade.of('BTC-USD', decimal('101'), decimal('1')));
  dispatcher.trade(Trade.of('BTC-USD', decimal('102'), decimal('3')));
  await new Promise((resolve) => setImmediate(resolve));

  dispatcher.submit({ orderId: order.orderId, msgType: 'cancel' });
  await new Promise((resolve) => setImmediate(resolve));
  await dispatcher.stop();
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
