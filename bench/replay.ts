import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { VirtualClock } from '../src/core/clock.js';
import type { ReplayOrder } from '../src/replay/replay-order.js';
import type { ReplayOutcome } from '../src/replay/replay-outcome.js';
import { runReplay } from '../src/replay/run-replay.js';
import { syntheticTicks } from '../src/replay/synthetic-ticks.js';
import { readTicks, TickWriter } from '../src/ticks/index.js';
import type { TickEvent } from '../src/ticks/tick-event.js';
import type { BenchResult } from './report.js';

const EVENTS = 1_000_000;
const SYMBOLS = ['BTC-USD', 'ETH-USD', 'SOL-USD'];
const START_US = 1_700_000_000_000_000;
/** 50 µs apart on average: 1M events span some 50 s, which the TWAPs below cover. */
const MEAN_GAP_US = 50;

/**
 * Where the recording comes from: batches in file order, as many times as asked: an exo tick file
 * read with TickReader (the default, and what `read_ratio`, replay time over reading the file
 * alone, compares against), or batches in memory.
 */
export interface ReplayBenchSource {
  readonly name: string;
  ticks(): AsyncIterable<readonly TickEvent[]> | Iterable<readonly TickEvent[]>;
  /** Seconds to read the recording alone, when reading is something to compare against. */
  readAlone?(): Promise<number>;
}

/** The synthetic recording, generated once. */
function syntheticBatches(): TickEvent[][] {
  return [
    ...syntheticTicks({
      events: EVENTS,
      symbols: SYMBOLS,
      seed: 1,
      startUs: START_US,
      meanGapUs: MEAN_GAP_US,
    }),
  ];
}

/** The synthetic recording in memory, for a run without the tick file. */
export function inMemory(): ReplayBenchSource {
  const batches = syntheticBatches();
  return { name: 'memory', ticks: () => batches };
}

/** Writes the synthetic recording (1M events, 3 symbols) to `file` as an exo tick file. */
export function writeBenchRecording(file: string): void {
  const writer = new TickWriter(file, { feed: 'bench', clock: new VirtualClock(0) });
  for (const batch of syntheticBatches()) for (const event of batch) writer.write(event);
  writer.close();
}

/** The synthetic recording written once to an exo tick file in `dir`, read back for each run. */
function tickFile(dir: string): ReplayBenchSource {
  const file = join(dir, 'replay-bench.exo');
  writeBenchRecording(file);
  return {
    name: 'tick file',
    ticks: () => readTicks(file),
    async readAlone() {
      const start = process.hrtime.bigint();
      let events = 0;
      for await (const batch of readTicks(file)) events += batch.length;
      if (events === 0) throw new Error('the bench recording read back empty');
      return Number(process.hrtime.bigint() - start) / 1e9;
    },
  };
}

/**
 * `perSymbol` TWAPs on each symbol, started 10 ms apart, each over 40 s in 40 slices: case (b) is
 * one per symbol, (c) ten.
 */
export function twaps(perSymbol: number): ReplayOrder[] {
  return SYMBOLS.flatMap((symbol, s) =>
    Array.from({ length: perSymbol }, (_, i) => ({
      ref: `${symbol}-${i}`,
      symbol,
      side: (i + s) % 2 === 0 ? ('buy' as const) : ('sell' as const),
      quantity: '4',
      algo: 'twap',
      params: { durationMs: 40_000, slices: 40 },
      startUs: START_US + 1_000 + 10_000 * i,
      amends: [],
    })),
  );
}

interface Timed {
  readonly outcome: ReplayOutcome;
  readonly seconds: number;
  readonly cpuSeconds: number;
}

async function timed(source: ReplayBenchSource, orders: readonly ReplayOrder[]): Promise<Timed> {
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  const outcome = await runReplay(source.ticks(), orders, { seed: 7 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const { user, system } = process.cpuUsage(cpu);
  return { outcome, seconds, cpuSeconds: (user + system) / 1e6 };
}

/**
 * Replay throughput over one 1M-event recording of 3 symbols: (a) no orders, (b) one TWAP per
 * symbol, (c) ten per symbol. Each case runs twice: the figures are the faster run's, and
 * `deterministic` says the two outcomes were deep-equal. Goals: (a) >= 1M events/s, (b) >= 250k
 * events/s, (c) >= 1M deliveries/s. The baseline is iterating the recording alone, same run.
 */
export async function replay(source?: ReplayBenchSource): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'exo-replay-bench-'));
  try {
    return await measure(source ?? tickFile(dir));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function measure(source: ReplayBenchSource): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  for (const [name, perSymbol, goal] of [
    ['a_no_orders', 0, 'events_per_s >= 1M, read_ratio <= 2'],
    ['b_one_twap_per_symbol', 1, 'events_per_s >= 250k'],
    ['c_ten_twaps_per_symbol', 10, 'deliveries_per_s >= 1M'],
  ] as const) {
    const orders = twaps(perSymbol);
    const runs = [await timed(source, orders), await timed(source, orders)];
    // Reading alone, right beside the runs it is compared with.
    const read = source.readAlone === undefined ? undefined : await source.readAlone();
    const best = runs[0]!.seconds <= runs[1]!.seconds ? runs[0]! : runs[1]!;
    const { run } = best.outcome;
    results.push({
      bench: `replay ${name}`,
      source: source.name,
      orders: orders.length,
      events: run.events,
      seconds: best.seconds,
      events_per_s: run.events / best.seconds,
      events_per_cpu_s: run.events / best.cpuSeconds,
      deliveries: run.deliveries,
      deliveries_per_s: run.deliveries / best.seconds,
      deliveries_per_cpu_s: run.deliveries / best.cpuSeconds,
      conflation_ratio: run.conflationRatio,
      fills: best.outcome.orders.reduce((sum, order) => sum + order.fills.length, 0),
      deterministic: isDeepStrictEqual(runs[0]!.outcome, runs[1]!.outcome),
      ...(read === undefined ? {} : { read_seconds: read, read_ratio: best.seconds / read }),
      goal,
    });
  }
  return results;
}
