import { VirtualClock } from '../src/core/clock.js';
import type { Delegate } from '../src/core/delegate.js';
import { OrderProcess, type ProcessOwner } from '../src/core/order-process.js';
import { newStats } from '../src/core/stats.js';
import { decimal } from '../src/market/decimal.js';
import type { Order } from '../src/market/order.js';
import { Quote } from '../src/market/quote.js';
import { type BenchResult, median, nsPerOp } from './report.js';

const OPS = 500_000;
const ROUNDS = 5;

/**
 * The Go original's BenchmarkOrderProcess: push a quote into one order's process, the delegate
 * acknowledges, the next push waits for that. Measured against the floor: the same round trip
 * through a bare promise-based producer/consumer pair with no exo code.
 */
export async function hop(): Promise<BenchResult[]> {
  const exo: number[] = [];
  const floor: number[] = [];
  await floorRoundTrip(OPS / 10);
  await exoRoundTrip(OPS / 10);
  for (let round = 0; round < ROUNDS; round++) {
    floor.push(await floorRoundTrip(OPS));
    exo.push(await exoRoundTrip(OPS));
  }
  const ns = median(exo);
  const floorNs = median(floor);
  return [
    {
      bench: 'hop',
      ns_per_op: ns,
      floor_ns_per_op: floorNs,
      ratio: ns / floorNs,
      ops: OPS * ROUNDS,
    },
  ];
}

async function exoRoundTrip(ops: number): Promise<number> {
  let ack: () => void = () => {};
  const delegate: Delegate<Order> = {
    action: () => {
      ack();
      return false;
    },
  };
  const owner: ProcessOwner<Order> = {
    clock: new VirtualClock(),
    stats: newStats(),
    completed: () => {},
    checkpoint: () => {},
    failed: () => {},
  };
  const order: Order = { orderId: 'hop', side: 'buy', symbol: 'BTC-USD', msgType: 'new' };
  const orderProcess = new OrderProcess(order, { create: () => delegate }, owner);
  await new Promise<void>((resolve) => setImmediate(resolve));
  const quote = Quote.of({
    symbol: 'BTC-USD',
    bidPx: decimal('100'),
    bidQty: decimal('1'),
    askPx: decimal('101'),
    askQty: decimal('1'),
  });
  const push = (resolve: () => void): void => {
    ack = resolve;
    orderProcess.quote(quote);
  };
  const start = process.hrtime.bigint();
  for (let i = 0; i < ops; i++) await new Promise<void>(push);
  return nsPerOp(start, ops);
}

async function floorRoundTrip(ops: number): Promise<number> {
  let wake: () => void = () => {};
  let ack: () => void = () => {};
  let slot: unknown;
  let running = true;
  const waitForItem = (resolve: () => void): void => {
    wake = resolve;
  };
  const consumer = async (): Promise<void> => {
    while (running) {
      await new Promise<void>(waitForItem);
      if (slot === undefined) throw new Error('consumer woke without an item');
      ack();
    }
  };
  const done = consumer();
  const item = { symbol: 'BTC-USD' };
  const push = (resolve: () => void): void => {
    ack = resolve;
    slot = item;
    wake();
  };
  const start = process.hrtime.bigint();
  for (let i = 0; i < ops; i++) await new Promise<void>(push);
  const ns = nsPerOp(start, ops);
  running = false;
  wake();
  await done;
  return ns;
}
