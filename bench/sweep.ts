import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPLAY_DEPS } from '../src/cli/replay-command.js';
import type { ReplayJob, ReplayResult } from '../src/cli/replay-job.js';
import { sweepJobs } from '../src/cli/replay-sweep.js';
import { twaps, writeBenchRecording } from './replay.js';
import type { BenchResult } from './report.js';

const RUNS = 4;
const WORKERS = 2;
const ROUNDS = 2;

/** A timed mode: wall seconds, and CPU seconds of the whole process (every thread). */
interface Timed<T> {
  readonly value: T;
  readonly seconds: number;
  readonly cpuSeconds: number;
}

async function timed<T>(run: () => Promise<T>): Promise<Timed<T>> {
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  const value = await run();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const { user, system } = process.cpuUsage(cpu);
  return { value, seconds, cpuSeconds: (user + system) / 1e6 };
}

/** The faster of a mode's rounds. */
const fastest = <T>(rounds: readonly Timed<T>[]) =>
  rounds.reduce((best, round) => (round.seconds < best.seconds ? round : best));

/** Each run's report digest and fills digest, in run order. */
const digests = (results: readonly ReplayResult[]) =>
  results.map(({ report }) => `${report.report.digest}/${report.report.run.fillsSha256}`);

/**
 * `exo replay --sweep` on four runs of the replay bench's case (b), one TWAP per symbol over its
 * 1M-event 3-symbol tick file (seeds 1 to 4): the CLI's worker pool with 2 workers against the
 * same jobs one after another in this process, each run's replay and report as the CLI makes
 * them, alternated over two rounds, the faster of each kept. `speed_up` = sequential wall /
 * parallel wall (goal >= 1.4); `identical` says every run's report and fills digests agree in
 * every round of both. CPU seconds (all threads) show what the workers add (their start, a cold
 * JIT each: `worker_cpu_overhead` = parallel CPU / sequential CPU); the load average beside them says how much of the 2 cores others were using.
 */
export async function sweep(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'exo-sweep-bench-'));
  try {
    const file = join(dir, 'sweep-bench.exo');
    writeBenchRecording(file);
    const base: ReplayJob = {
      label: '',
      files: [file],
      allowTruncated: false,
      orders: twaps(1),
      options: { seed: 1 },
    };
    const seeds = Array.from({ length: RUNS }, (_, i) => i + 1);
    const jobs = sweepJobs(base, `seed=${seeds.join(',')}`, () => undefined);
    const load = loadavg()[0]!;
    const sequentialRounds: Timed<ReplayResult[]>[] = [];
    const parallelRounds: Timed<ReplayResult[]>[] = [];
    // Alternated, the faster round of each kept: a busy neighbour should not decide the ratio.
    for (let round = 0; round < ROUNDS; round++) {
      sequentialRounds.push(
        await timed(async () => {
          const results: ReplayResult[] = [];
          for (const job of jobs) {
            results.push(await REPLAY_DEPS.pipeline.run(job, () => undefined));
          }
          return results;
        }),
      );
      parallelRounds.push(await timed(() => REPLAY_DEPS.runSweep(jobs, WORKERS, () => undefined)));
    }
    const sequential = fastest(sequentialRounds);
    const parallel = fastest(parallelRounds);
    const expected = JSON.stringify(digests(sequential.value));
    const identical = [...sequentialRounds, ...parallelRounds].every(
      (round) => JSON.stringify(digests(round.value)) === expected,
    );
    const events = sequential.value.reduce((sum, r) => sum + r.outcome.run.events, 0);
    return [
      {
        bench: 'sweep b_one_twap_per_symbol',
        runs: RUNS,
        workers: WORKERS,
        cpus: availableParallelism(),
        load_avg_1m_before: load,
        events,
        sequential_seconds: sequential.seconds,
        parallel_seconds: parallel.seconds,
        sequential_cpu_seconds: sequential.cpuSeconds,
        parallel_cpu_seconds: parallel.cpuSeconds,
        worker_cpu_overhead: parallel.cpuSeconds / sequential.cpuSeconds,
        // How many cores the workers actually got: near 1, the machine had no second to give.
        parallel_cores_used: parallel.cpuSeconds / parallel.seconds,
        speed_up: sequential.seconds / parallel.seconds,
        sequential_events_per_s: events / sequential.seconds,
        parallel_events_per_s: events / parallel.seconds,
        load_avg_1m_after: loadavg()[0]!,
        identical,
        goal: 'speed_up >= 1.4, identical',
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
