import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { ReplayReport } from '../../src/report/index.js';
import { exo, tempDir } from './run-exo.js';

/** A finished exo process: its exit status and what it printed. */
export interface Finished {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A directory outside the project holding a simulated recording and orders over it. */
export interface ReplaySession {
  readonly dir: string;
  /** Runs `exo ARGS` as its own process in `dir` to its end. */
  run(args: string[]): Promise<Finished>;
  /** out.json of a run in `dir`, parsed. */
  report(file: string): ReplayReport;
}

/** The orders the sessions replay: a TWAP and a peg on two of the simulated symbols. */
export const SESSION_ORDERS = [
  {
    symbol: 'BTC-USD',
    side: 'buy',
    quantity: '0.5',
    algo: 'twap',
    params: { durationMs: 20_000, slices: 10 },
    start: '+1s',
  },
  { symbol: 'ETH-USD', side: 'sell', quantity: '2', algo: 'peg', params: {}, start: '+2s' },
];

/**
 * Records the simulated market (`exo record --feed sim --seed 3 --events EVENTS --out rec.exo`)
 * as its own process in a fresh directory, and writes SESSION_ORDERS there as orders.json. Files
 * are named relative to the directory, so every run's report names its inputs alike.
 */
export async function replaySession(events: number): Promise<ReplaySession> {
  const dir = tempDir();
  const run = async (args: string[]): Promise<Finished> => {
    const child = exo(args, {}, dir);
    const status = await child.exited;
    return { status, stdout: child.stdout(), stderr: child.stderr() };
  };
  const args = ['--feed', 'sim', '--seed', '3', '--events', String(events), '--out', 'rec.exo'];
  const recorded = await run(['record', ...args]);
  expect([recorded.status, recorded.stderr]).toEqual([
    0,
    `exo record: ${events} events to rec.exo\n`,
  ]);
  writeFileSync(join(dir, 'orders.json'), JSON.stringify(SESSION_ORDERS, null, 2));
  return {
    dir,
    run,
    report: (file) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as ReplayReport,
  };
}
