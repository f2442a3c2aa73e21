import { performance } from 'node:perf_hooks';
import { type Decimal, decimal } from '../src/market/decimal.js';
import { Quote } from '../src/market/quote.js';
import { Trade } from '../src/market/trade.js';

/** How many ticks one event-loop turn pushes, as frames arrive from sockets. */
export const BATCH = 1_000;

/** Where the ticks go: the index of the tick's symbol comes along, so sinks need no lookup. */
export interface TickSink {
  quote(quote: Quote, at: number): void;
  trade(trade: Trade, at: number): void;
}

/** Ticks pushed per second of wall time and per second of this process's CPU time. */
export interface Rate {
  readonly perSecond: number;
  readonly perCpuSecond: number;
}

/**
 * Pushes `ticks` random quotes and trades (one each in turn, random symbols and prices, the same
 * sequence every call) into `sink`, BATCH per event-loop turn, calling `afterBatch` after each;
 * returns the rate. The CPU rate is what a busy neighbour on a shared machine disturbs least.
 */
export async function pushTicks(
  symbols: readonly string[],
  ticks: number,
  sink: TickSink,
  afterBatch: (pushed: number) => void = () => {},
): Promise<Rate> {
  const prices = Array.from({ length: 64 }, (_, i) => decimal(`${100 + i}.25`));
  const size = decimal('1.5');
  let random = 0x2545f491;
  const next = (): number => {
    random ^= random << 13;
    random ^= random >>> 17;
    random ^= random << 5;
    return random >>> 0;
  };
  const start = now();
  const cpuStart = process.cpuUsage();
  let pushed = 0;
  while (pushed < ticks) {
    const end = Math.min(ticks, pushed + BATCH);
    const time = now();
    for (; pushed < end; pushed++) {
      const r = next();
      const at = r % symbols.length;
      const symbol = symbols[at]!;
      const px: Decimal = prices[(r >>> 10) & 63]!;
      if (pushed & 1) sink.trade(Trade.of(symbol, px, size, time), at);
      else sink.quote(new Quote(symbol, px, size, px, size, time), at);
    }
    afterBatch(pushed);
    await turn();
  }
  const { user, system } = process.cpuUsage(cpuStart);
  return {
    perSecond: ticks / ((now() - start) / 1000),
    perCpuSecond: ticks / ((user + system) / 1e6),
  };
}

/** Resolves after the current I/O: one event-loop turn. */
export function turn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Epoch milliseconds, sub-millisecond precise: what ticks are stamped with. */
export function now(): number {
  return performance.timeOrigin + performance.now();
}
