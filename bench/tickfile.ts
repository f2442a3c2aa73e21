import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGzip } from 'node:zlib';
import { VirtualClock } from '../src/core/clock.js';
import { type TickEvent, TickReader, TickWriter } from '../src/ticks/index.js';
import { type BenchResult, median } from './report.js';
import { syntheticTicks } from './tick-events.js';

const EVENTS = 1_000_000;
const ROUNDS = 3;

/**
 * The exo tick file against JSON lines + gzip, on the same 1M synthetic events (three symbols):
 * write and read events/s and bytes/event of each, in the same run. Reading means TickReader
 * handing over checked TickEvents either way; the read ratio is on CPU time. Issue 15's goals: read ≥ 3× JSON lines + gzip,
 * ≤ 25 bytes/event.
 */
export async function tickfile(): Promise<BenchResult[]> {
  const events = syntheticTicks(EVENTS);
  const dir = mkdtempSync(join(tmpdir(), 'exo-bench-ticks-'));
  const ticks = join(dir, 'bench.exo');
  const jsonl = join(dir, 'bench.jsonl.gz');
  try {
    const writeTicks: Timing[] = [];
    const readTicks: Timing[] = [];
    const writeJson: Timing[] = [];
    const readJson: Timing[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      writeTicks.push(timed(() => writeTickFile(ticks, events)));
      writeJson.push(await timedAsync(() => writeJsonLines(jsonl, events)));
      readTicks.push(await timedAsync(() => readAll(ticks)));
      readJson.push(await timedAsync(() => readAll(jsonl)));
    }
    const perSecond = (timings: readonly Timing[]) => EVENTS / median(timings.map((t) => t.wall));
    const perCpuSecond = (timings: readonly Timing[]) => EVENTS / median(timings.map((t) => t.cpu));
    const tickBytes = statSync(ticks).size / EVENTS;
    const jsonBytes = statSync(jsonl).size / EVENTS;
    // The ratio is taken on CPU time: on a shared machine wall time measures the neighbours too.
    const tickRead = perCpuSecond(readTicks);
    const jsonRead = perCpuSecond(readJson);
    return [
      {
        bench: 'tickfile',
        events: EVENTS,
        tick_write_events_per_s: Math.round(perSecond(writeTicks)),
        tick_read_events_per_s: Math.round(perSecond(readTicks)),
        tick_read_events_per_cpu_s: Math.round(tickRead),
        tick_bytes_per_event: tickBytes,
        jsonl_gz_write_events_per_s: Math.round(perSecond(writeJson)),
        jsonl_gz_read_events_per_s: Math.round(perSecond(readJson)),
        jsonl_gz_read_events_per_cpu_s: Math.round(jsonRead),
        jsonl_gz_bytes_per_event: jsonBytes,
        read_ratio: tickRead / jsonRead,
        goal_read_ratio: 3,
        goal_bytes_per_event: 25,
        goals_met: tickRead / jsonRead >= 3 && tickBytes <= 25,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Seconds a run took: wall clock, and this process's CPU (user + system). */
interface Timing {
  readonly wall: number;
  readonly cpu: number;
}

function timing(start: bigint, cpu: NodeJS.CpuUsage): Timing {
  const used = process.cpuUsage(cpu);
  return {
    wall: Number(process.hrtime.bigint() - start) / 1e9,
    cpu: (used.user + used.system) / 1e6,
  };
}

function timed(run: () => void): Timing {
  const start = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  run();
  return timing(start, cpu);
}

async function timedAsync(run: () => Promise<void>): Promise<Timing> {
  const start = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  await run();
  return timing(start, cpu);
}

function writeTickFile(file: string, events: readonly TickEvent[]): void {
  const writer = new TickWriter(file, { feed: 'bench', clock: new VirtualClock(0) });
  for (const event of events) writer.write(event);
  writer.close();
}

async function writeJsonLines(file: string, events: readonly TickEvent[]): Promise<void> {
  const gzip = createGzip();
  const done = new Promise<void>((resolve, reject) => {
    gzip.pipe(createWriteStream(file)).on('finish', resolve).on('error', reject);
  });
  for (let at = 0; at < events.length; at += 4096) {
    let text = '';
    for (const event of events.slice(at, at + 4096)) text += `${JSON.stringify(event)}\n`;
    if (!gzip.write(text)) await new Promise((resolve) => gzip.once('drain', resolve));
  }
  gzip.end();
  await done;
}

async function readAll(file: string): Promise<void> {
  let count = 0;
  const reader = await TickReader.open(file);
  for await (const block of reader.blocks()) count += block.length;
  if (count !== EVENTS) throw new Error(`${file}: read ${count} events, wrote ${EVENTS}`);
}
