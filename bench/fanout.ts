import { performance } from 'node:perf_hooks';
import type { Delegate, DelegateFactory } from '../src/core/delegate.js';
import { Dispatcher } from '../src/core/dispatcher.js';
import type { DispatcherStats } from '../src/core/stats.js';
import type { Update } from '../src/core/update.js';
import { type Decimal, decimal } from '../src/market/decimal.js';
import type { Order } from '../src/market/order.js';
import { Quote } from '../src/market/quote.js';
import { Trade } from '../src/market/trade.js';
import { engineTarget, type FanoutOrders, type FanoutTarget } from './fanout-engine.js';
import { LatencySamples } from './latency-samples.js';
import type { BenchResult } from './report.js';

const SYMBOLS = 1_000;
const ORDERS_PER_SYMBOL = 10;
const TICKS = Number(process.env.EXO_BENCH_FANOUT_TICKS ?? 10_000_000);
const BATCH = 1_000;
const SLOW_ACTION_MS = 1;

/**
 * 1,000 symbols x 10 orders; 10 million quotes and trades pushed in batches of 1,000 per
 * event-loop turn, as frames arrive from sockets. Fast delegates measure ingest rate and
 * push-to-delegate latency, through the bare dispatcher and through the engine as `exo` composes
 * it (instrumented factory, metrics, shared market data, journal in memory); slow delegates (each action awaits ~1 ms) measure memory growth
 * under conflation and check that every delegate ends holding the last quote of its symbol.
 */
export async function fanout(): Promise<BenchResult[]> {
  const floor = await directFanout();
  const toFloor = (result: BenchResult): BenchResult => ({
    ...result,
    floor_per_s: floor.perSecond,
    ratio_to_floor: (result.ingest_per_s as number) / floor.perSecond,
    floor_per_cpu_s: floor.perCpuSecond,
    cpu_ratio_to_floor: (result.ingest_per_cpu_s as number) / floor.perCpuSecond,
  });
  const only = process.env.EXO_BENCH_FANOUT_ONLY;
  const results: BenchResult[] = [];
  if (only === undefined || only === 'fast') results.push(toFloor(await run('fast', 'dispatcher')));
  if (only === undefined || only === 'engine') results.push(toFloor(await run('fast', 'engine')));
  if (only === undefined || only === 'slow') results.push(await run('slow', 'dispatcher'));
  return results;
}

/** Ticks pushed per second of wall time and per second of this process's CPU time. */
interface Rate {
  readonly perSecond: number;
  readonly perCpuSecond: number;
}

type Mode = 'fast' | 'slow';

/** Where the ticks go: the index of the tick's symbol comes along, so sinks need no lookup. */
interface TickSink {
  quote(quote: Quote, at: number): void;
  trade(trade: Trade, at: number): void;
}

/**
 * Pushes TICKS random quotes and trades (one each in turn, random symbols and prices) into
 * `sink`, BATCH per event-loop turn, calling `afterBatch` after each; returns the rate. The CPU
 * rate is what a busy neighbour on a shared machine disturbs least.
 */
async function pushTicks(
  symbols: readonly string[],
  sink: TickSink,
  afterBatch: (pushed: number) => void,
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
  while (pushed < TICKS) {
    const end = Math.min(TICKS, pushed + BATCH);
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
    perSecond: TICKS / ((now() - start) / 1000),
    perCpuSecond: TICKS / ((user + system) / 1e6),
  };
}

/**
 * The floor, in the same run: the same ticks handed straight to ten plain receivers per symbol
 * (found by a Map lookup, as the dispatcher finds its symbol), with no queue, no conflation and
 * no order process.
 */
async function directFanout(): Promise<Rate> {
  const symbols = symbolNames();
  const receivers = new Map(
    symbols.map((symbol) => [
      symbol,
      Array.from({ length: ORDERS_PER_SYMBOL }, () => ({
        quote: undefined as Quote | undefined,
        trade: undefined as Trade | undefined,
      })),
    ]),
  );
  return pushTicks(
    symbols,
    {
      quote(quote) {
        for (const receiver of receivers.get(quote.symbol)!) receiver.quote = quote;
      },
      trade(trade) {
        for (const receiver of receivers.get(trade.symbol)!) receiver.trade = trade;
      },
    },
    () => {},
  );
}

function symbolNames(): string[] {
  return Array.from({ length: SYMBOLS }, (_, i) => `S${String(i).padStart(4, '0')}`);
}

interface Seen {
  lastQuote: Quote | undefined;
}

/** The bare dispatcher, fed by hand: the core's fan-out with nothing of the engine around it. */
function dispatcherTarget(factory: DelegateFactory<Order>, orders: FanoutOrders): FanoutTarget {
  const drainBudget = process.env.EXO_BENCH_DRAIN_BUDGET;
  const dispatcher = new Dispatcher<Order>({
    factory,
    ...(drainBudget ? { drainBudget: Number(drainBudget) } : {}),
  });
  for (const symbol of orders.symbols) {
    for (let i = 0; i < orders.perSymbol; i++) {
      dispatcher.submit({ side: i % 2 === 0 ? 'buy' : 'sell', symbol, msgType: 'new' });
    }
  }
  return {
    quote: (quote) => dispatcher.quote(quote),
    trade: (trade) => dispatcher.trade(trade),
    stats: dispatcher.stats,
    stop: () => dispatcher.stop(),
  };
}

async function run(mode: Mode, through: 'dispatcher' | 'engine'): Promise<BenchResult> {
  const latency = new LatencySamples();
  const seen: Seen[] = [];
  const observe = (update: Update<Order>, state: Seen): void => {
    const quote = update.quote;
    if (quote !== undefined) {
      state.lastQuote = quote;
      latency.receipt(quote.time);
    }
  };
  const factory: DelegateFactory<Order> = {
    create(): Delegate<Order> {
      const state: Seen = { lastQuote: undefined };
      seen.push(state);
      if (mode === 'fast') {
        return {
          action(update) {
            observe(update, state);
            return false;
          },
        };
      }
      return {
        async action(update) {
          observe(update, state);
          await new Promise((resolve) => setTimeout(resolve, SLOW_ACTION_MS));
          return false;
        },
      };
    },
  };
  const symbols = symbolNames();
  const orders = { symbols, perSymbol: ORDERS_PER_SYMBOL };
  const target =
    through === 'engine' ? await engineTarget(factory, orders) : dispatcherTarget(factory, orders);
  // The orders' symbols, in the order their delegates were built.
  const orderSymbols = symbols.flatMap((symbol) => Array<string>(ORDERS_PER_SYMBOL).fill(symbol));
  await turn();
  latency.reset();
  const lastQuote = new Map<string, Quote>();
  const lastQuoteAt: Quote[] = [];
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  let rssPeak = rssBefore;

  const ingest = await pushTicks(
    symbols,
    {
      quote(quote, at) {
        lastQuoteAt[at] = quote;
        target.quote(quote, at);
      },
      trade: (trade, at) => target.trade(trade, at),
    },
    (pushed) => {
      if ((pushed & 0xffff) < BATCH) rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
    },
  );
  const { stats } = target;
  while (stats.updatesDelivered === 0 || (await drained(stats))) await turn();
  if (mode === 'slow') await new Promise((resolve) => setTimeout(resolve, SLOW_ACTION_MS * 20));
  rssPeak = Math.max(rssPeak, process.memoryUsage().rss);

  for (const [i, symbol] of symbols.entries()) lastQuote.set(symbol, lastQuoteAt[i]!);
  let holdingLast = 0;
  seen.forEach((state, i) => {
    if (state.lastQuote === lastQuote.get(orderSymbols[i]!)) holdingLast++;
  });
  await target.stop();
  const ticksIn = stats.quotesIn + stats.tradesIn;
  return {
    bench: `fanout-${through === 'engine' ? 'engine' : mode}`,
    ticks: ticksIn,
    ingest_per_s: ingest.perSecond,
    ingest_per_cpu_s: ingest.perCpuSecond,
    updates_delivered: stats.updatesDelivered,
    dispatched: stats.quotesDispatched + stats.tradesDispatched,
    conflation_ratio: ticksIn / (stats.quotesDispatched + stats.tradesDispatched),
    p50_latency_us: latency.percentile(50),
    p99_latency_us: latency.percentile(99),
    rss_growth_mb: (rssPeak - rssBefore) / 2 ** 20,
    delegates_holding_last_quote: holdingLast,
    delegates: seen.length,
  };
}

/** True while anything is still on its way to a delegate. */
async function drained(stats: DispatcherStats): Promise<boolean> {
  const before = stats.updatesDelivered;
  await turn();
  return stats.updatesDelivered !== before;
}

function turn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function now(): number {
  return performance.timeOrigin + performance.now();
}
