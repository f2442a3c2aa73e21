import { describe, expect, it } from 'vitest';
import type { ReplayReport } from '../../src/report/index.js';
import { replaySession } from './replay-session.js';

/** Seeded jitter on the delegate's decisions and on the way to the venue. */
const JITTER = [
  '--decision-latency',
  'lognormal:50us,400us',
  '--entry-latency',
  'lognormal:100us,2ms',
];

/** A report without its wall-clock figures: what must be identical between reruns. */
function withoutRuntime(report: ReplayReport): unknown {
  const { runtime: _runtime, ...run } = report.run;
  return { ...report, run };
}

describe('exo replay determinism across processes and workers', () => {
  it('gives the same fills and report in two processes and a worker; another seed does not', async () => {
    const session = await replaySession(10_000);
    const replay = (out: string, more: string[]) =>
      session.run([
        'replay',
        'rec.exo',
        '--orders',
        'orders.json',
        '--report',
        `${out}.html`,
        '--json',
        `${out}.json`,
        ...JITTER,
        ...more,
      ]);
    // Two processes with seed 5, and a sweep of seeds 5 and 6 (one worker thread each), at once.
    const runs = await Promise.all([
      replay('first', ['--seed', '5']),
      replay('second', ['--seed', '5']),
      replay('sweep', ['--sweep', 'seed=5,6', '--workers', '2']),
    ]);
    for (const run of runs) expect([run.status, run.stderr]).toEqual([0, '']);
    const [first, second, worker, reseeded] = [
      'first.json',
      'second.json',
      'sweep.seed=5.json',
      'sweep.seed=6.json',
    ].map(session.report) as [ReplayReport, ReplayReport, ReplayReport, ReplayReport];
    expect(first.orders.reduce((sum, order) => sum + order.fills, 0)).toBeGreaterThan(4);
    for (const again of [second, worker]) {
      expect(again.run.fillsSha256).toBe(first.run.fillsSha256);
      expect(again.digest).toBe(first.digest);
      expect(withoutRuntime(again)).toEqual(withoutRuntime(first));
    }
    // The wall-clock figures are there, outside the digest.
    expect(first.run.runtime).toBeDefined();
    expect(reseeded.run.seed).toBe(6);
    expect(reseeded.run.fillsSha256).not.toBe(first.run.fillsSha256);
    expect(reseeded.digest).not.toBe(first.digest);
  }, 120_000);
});
