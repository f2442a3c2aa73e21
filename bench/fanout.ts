import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Delegate, DelegateFactory } from '../src/core/delegate.js';
import type { DispatcherStats } from '../src/core/stats.js';
import type { Update } from '../src/core/update.js';
import type { Order } from '../src/market/order.js';
import type { Quote } from '../src/market/quote.js';
import { dispatcherTarget, engineTarget, floorSink } from './fanout-targets.js';
import { BATCH, pushTicks, type Rate, type TickSink, turn } from './fanout-ticks.js';
import { LatencySamples } from './latency-samples.js';
import { type BenchResult, median } from './report.js';

const SYMBOLS = 1_000;
const ORDERS_PER_SYMBOL = 10;
const TICKS = Number(process.env.EXO_BENCH_FANOUT_TICKS ?? 10_000_000);
const ROUNDS = 5;
const SLOW_ACTION_MS = 1;

type Through = 'dispatcher' | 'engine';

/**
 * 1,000 symbols x 10 orders; 10 million quotes and trades pushed in batches of 1,000 per
 * event-loop turn, as frames arrive from sockets. Fast delegates measure ingest rate and
 * push-to-delegate latency through the bare dispatcher and through the engine as `exo` composes
 * it (action timing, metrics, shared market data, journal in memory), each in a process
 * of its own and in ROUNDS rounds interleaved with the floor's, so that each ratio compares runs
 * moments apart; slow delegates (each action awaits ~1 ms) measure memory growth under
 * conflation. Every run checks that each delegate ends holding the last quote of its symbol.
 */
export async function fanout(): Promise<BenchResult[]> {
  // Which runs, comma separated (fast, engine, slow); all when unset.
  const only = process.env.EXO_BENCH_FANOUT_ONLY?.split(',') ?? ['fast', 'engine', 'slow'];
  const fast: Through[] = [];
  if (only.includes('fast')) fast.push('dispatcher');
  if (only.includes('engine')) fast.push('engine');
  const results =
    fast.length > 1 ? await ownProcesses(fast) : fast.length > 0 ? await fastRuns(fast) : [];
  if (only.includes('slow')) results.push(await slowRun());
  return results;
}

/**
 * Each fast run in a process of its own, one after the other, as `exo` runs one engine per
 * process: run in one, the engine and the bare dispatcher share the core's call sites (an order
 * process then calls two kinds of delegate), which slows whichever is measured with the other's
 * feedback. Each process measures its own floor, interleaved as in `fastRuns`.
 */
async function ownProcesses(throughs: readonly Through[]): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  for (const through of throughs) {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [...process.execArgv, process.argv[1]!, 'fanout'],
      {
        env: { ...process.env, EXO_BENCH_FANOUT_ONLY: through === 'engine' ? 'engine' : 'fast' },
        maxBuffer: 1 << 20,
      },
    );
    for (const line of stdout.split('\n')) {
      if (line.startsWith('{')) results.push(JSON.parse(line) as BenchResult);
    }
  }
  return results;
}

/** The fast runs, round after round, each round's floor pushed first. */
async function fastRuns(throughs: readonly Through[]): Promise<BenchResult[]> {
  const runs = [];
  for (const through of throughs) runs.push(await fanoutRun('fast', through));
  const floor = floorSink(symbolNames(), ORDERS_PER_SYMBOL);
  // A warm-up round a tenth as long, so that compiling the hot paths is in no figure.
  await pushTicks(floor.symbols, TICKS / ROUNDS / 10, floor.sink);
  for (const run of runs) {
    await run.push(TICKS / ROUNDS / 10);
    run.forgetLatency();
  }
  const floors: Rate[] = [];
  const rates: Rate[][] = runs.map(() => []);
  for (let round = 0; round < ROUNDS; round++) {
    floors.push(await pushTicks(floor.symbols, TICKS / ROUNDS, floor.sink));
    for (const [i, run] of runs.entries()) rates[i]!.push(await run.push(TICKS / ROUNDS));
  }
  const results: BenchResult[] = [];
  for (const [i, run] of runs.entries()) {
    const mine = rates[i]!;
    const ratios = (of: (rate: Rate) => number): number =>
      median(mine.map((rate, round) => of(rate) / of(floors[round]!)));
    results.push({
      ...(await run.finish()),
      ingest_per_s: median(mine.map((rate) => rate.perSecond)),
      ingest_per_cpu_s: median(mine.map((rate) => rate.perCpuSecond)),
      floor_per_s: median(floors.map((rate) => rate.perSecond)),
      floor_per_cpu_s: median(floors.map((rate) => rate.perCpuSecond)),
      ratio_to_floor: ratios((rate) => rate.perSecond),
      cpu_ratio_to_floor: ratios((rate) => rate.perCpuSecond),
    });
  }
  return results;
}

/** The slow run: every action awaits, so ticks conflate while delegates are busy. */
async function slowRun(): Promise<BenchResult> {
  const run = await fanoutRun('slow', 'dispatcher');
  const rate = await run.push(TICKS);
  await new Promise((resolve) => setTimeout(resolve, SLOW_ACTION_MS * 20));
  return { ...(await run.finish()), ingest_per_s: rate.perSecond };
}

function symbolNames(): string[] {
  return Array.from({ length: SYMBOLS }, (_, i) => `S${String(i).padStart(4, '0')}`);
}

/** A target with its orders placed: ticks pushed into it in rounds, then its figures. */
interface FanoutRun {
  /** Pushes `ticks` and waits until everything reached the delegates. */
  push(ticks: number): Promise<Rate>;
  /** Forgets the latencies sampled so far (a warm-up's). */
  forgetLatency(): void;
  /** Stops the target and returns what it did over every push. */
  finish(): Promise<BenchResult>;
}

async function fanoutRun(mode: 'fast' | 'slow', through: Through): Promise<FanoutRun> {
  const latency = new LatencySamples();
  const seen: Array<Quote | undefined> = [];
  const factory: DelegateFactory<Order> = {
    create: () =>
      mode === 'fast'
        ? new FastDelegate(seen, latency, seen.push(undefined) - 1)
        : new SlowDelegate(seen, latency, seen.push(undefined) - 1),
  };
  const symbols = symbolNames();
  const orders = { symbols, perSymbol: ORDERS_PER_SYMBOL };
  const target =
    through === 'engine' ? await engineTarget(factory, orders) : dispatcherTarget(factory, orders);
  await turn();
  latency.reset();
  const lastQuoteAt: Quote[] = [];
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  let rssPeak = rssBefore;
  const { stats } = target;
  const sink: TickSink = {
    quote(quote, at) {
      lastQuoteAt[at] = quote;
      target.quote(quote, at);
    },
    trade: (trade, at) => target.trade(trade, at),
  };
  const peak = (pushed: number): void => {
    if ((pushed & 0xffff) < BATCH) rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
  };
  return {
    async push(ticks) {
      const rate = await pushTicks(symbols, ticks, sink, peak);
      while (await delivering(stats)) await turn();
      return rate;
    },
    forgetLatency: () => latency.reset(),
    async finish() {
      rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
      // The delegates were built symbol by symbol, ORDERS_PER_SYMBOL each.
      const holdingLast = seen.filter(
        (quote, i) => quote === lastQuoteAt[Math.floor(i / ORDERS_PER_SYMBOL)],
      ).length;
      await target.stop();
      const ticksIn = stats.quotesIn + stats.tradesIn;
      const dispatched = stats.quotesDispatched + stats.tradesDispatched;
      return {
        bench: `fanout-${through === 'engine' ? 'engine' : mode}`,
        ticks: ticksIn,
        updates_delivered: stats.updatesDelivered,
        dispatched,
        conflation_ratio: ticksIn / dispatched,
        p50_latency_us: latency.percentile(50),
        p99_latency_us: latency.percentile(99),
        rss_growth_mb: (rssPeak - rssBefore) / 2 ** 20,
        delegates_holding_last_quote: holdingLast,
        delegates: seen.length,
      };
    },
  };
}

/**
 * What every bench delegate does with an update: keeps its quote and samples its latency. A
 * class, as the README's example and exo's own algorithms write a delegate: one object per order.
 * Written as closures (an object, its `action` and the closures it calls: four objects an order,
 * which intake's garbage collections leave kilobytes apart) the fast one measured 0.18–0.21× the
 * floor through the engine against 0.30 as a class, the same work, on 2026-12-07 (load ~1.4).
 */
class QuoteKeeper {
  constructor(
    readonly seen: Array<Quote | undefined>,
    readonly latency: LatencySamples,
    readonly at: number,
  ) {}

  protected keep(update: Update<Order>): void {
    const quote = update.quote;
    if (quote === undefined) return;
    this.seen[this.at] = quote;
    this.latency.receipt(quote.time);
  }
}

/** A fast delegate: keeps the quote, then returns at once. */
class FastDelegate extends QuoteKeeper implements Delegate<Order> {
  action(update: Update<Order>): boolean {
    this.keep(update);
    return false;
  }
}

/** A slow delegate: keeps the quote, then awaits ~SLOW_ACTION_MS before it is done. */
class SlowDelegate extends QuoteKeeper implements Delegate<Order> {
  async action(update: Update<Order>): Promise<boolean> {
    this.keep(update);
    await new Promise((resolve) => setTimeout(resolve, SLOW_ACTION_MS));
    return false;
  }
}

/** True while anything is still on its way to a delegate. */
async function delivering(stats: DispatcherStats): Promise<boolean> {
  const before = stats.updatesDelivered;
  await turn();
  return stats.updatesDelivered !== before;
}
