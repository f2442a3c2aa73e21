import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { type BenchProcess, kill9, printed, startExo } from './failover-process.js';

/** What the intake bench compares: one embedded exo, or a gateway in front of 1, 2 or 4 workers. */
export type IntakeSetup = 'embedded' | 'workers_1' | 'workers_2' | 'workers_4';

/** Shards of the cluster's journal. */
export const SHARD_COUNT = 4;

/**
 * The simulated market lists only BTC-USD, ETH-USD and SOL-USD, which land on shards 1, 1 and 0
 * of 4: split `0-1`/`2-3`, one worker would take every order and the other none. `0,2`/`1,3`
 * gives each worker of two a share (SOL-USD one, BTC-USD and ETH-USD the other).
 */
const SHARDS: Record<Exclude<IntakeSetup, 'embedded'>, readonly string[]> = {
  workers_1: ['all'],
  workers_2: ['0,2', '1,3'],
  workers_4: ['0', '1', '2', '3'],
};

/** Every symbol the simulated market lists: the orders go round them. */
export const SYMBOLS = 'BTC-USD,ETH-USD,SOL-USD';

const START_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 15_000;
const START_ATTEMPTS = 4;

/** A configuration serving: where to send requests, and how to stop every process of it. */
export interface RunningSetup {
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * Starts `setup` on `journal` (a fresh schema) against the standalone venue at `venueUrl`, and
 * resolves once it serves: the embedded exo's `/healthz` 200, the gateway's `ok` (every shard
 * owned). A start that fails (on a loaded machine, a process whose start stalls past 0.8 of the
 * lease's TTL fences itself and exits) is tried again from scratch, as a supervisor would, up to
 * START_ATTEMPTS times; the attempts it took are counted.
 */
export async function startSetup(
  setup: IntakeSetup,
  journal: string,
  venueUrl: string,
  dropSchema: () => Promise<void>,
): Promise<RunningSetup & { readonly attempts: number }> {
  for (let attempt = 1; ; attempt++) {
    try {
      return { ...(await startOnce(setup, journal, venueUrl)), attempts: attempt };
    } catch (error) {
      if (attempt >= START_ATTEMPTS) throw error;
      console.error(`ha-intake: ${setup} start ${attempt} failed; again on a fresh schema`);
      await dropSchema();
    }
  }
}

async function startOnce(
  setup: IntakeSetup,
  journal: string,
  venueUrl: string,
): Promise<RunningSetup> {
  const common = [
    ...['--journal', journal, '--venue', venueUrl, '--symbols', SYMBOLS],
    ...['--no-risk-limits', '--log-level', 'warn'],
  ];
  const processes: BenchProcess[] = [];
  const stop = () => Promise.all(processes.map(stopGently)).then(() => undefined);
  try {
    if (setup === 'embedded') {
      processes.push(startExo(['--port', '0', ...common]));
      const banner = /Dashboard: (http:\/\/\S+?)\/?\s/;
      const url = (await printed(processes[0]!, banner, START_TIMEOUT_MS))[1]!;
      await untilStatus(url, 'ok', processes);
      return { url, stop };
    }
    for (const shards of SHARDS[setup]) {
      processes.push(
        startExo(['worker', ...common, '--shards', shards, '--shard-count', String(SHARD_COUNT)]),
      );
    }
    const gateway = startExo([
      'gateway',
      '--journal',
      journal,
      '--port',
      '0',
      '--log-level',
      'warn',
    ]);
    processes.push(gateway);
    const banner = /exo gateway: serving (http:\/\/\S+?)\/?\s/;
    const url = (await printed(gateway, banner, START_TIMEOUT_MS))[1]!;
    await untilStatus(url, 'ok', processes);
    return { url, stop };
  } catch (error) {
    for (const process of processes) {
      const args = process.child.spawnargs.slice(2).join(' ');
      console.error(`ha-intake: exo ${args} printed:\n${process.text().slice(-600)}`);
    }
    await stop();
    throw error;
  }
}

/**
 * Polls `url`/healthz until its body's `status` is `status`; fails after START_TIMEOUT_MS, or at
 * once when one of `processes` has exited (fenced at its start, say).
 */
async function untilStatus(
  url: string,
  status: string,
  processes: readonly BenchProcess[],
): Promise<void> {
  const deadline = performance.now() + START_TIMEOUT_MS;
  while (performance.now() < deadline) {
    if (processes.some((process) => process.child.exitCode !== null)) {
      throw new Error('a process exited before serving');
    }
    try {
      const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) });
      const body = (await response.json()) as { status?: string };
      if (body.status === status) return;
    } catch {
      // Not listening yet.
    }
    await sleep(200);
  }
  throw new Error(`${url}/healthz did not report ${status} within ${START_TIMEOUT_MS} ms`);
}

/** SIGTERM (leases released), then SIGKILL if the process has not exited within STOP_TIMEOUT_MS. */
async function stopGently(process: BenchProcess): Promise<void> {
  if (process.child.exitCode === null && process.child.signalCode === null) {
    process.child.kill('SIGTERM');
  }
  const gone = await Promise.race([
    process.exited.then(() => true),
    sleep(STOP_TIMEOUT_MS).then(() => false),
  ]);
  if (!gone) await kill9(process);
}
