import { execFileSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CrashPoint } from '../../src/testing/crash-point.js';
import { runTrial, type TrialResult } from './trial.js';

const TRIALS = 10;
const POINTS: readonly CrashPoint[] = [
  'commit-before-reply',
  'intent-before-send',
  'send-before-ack',
  'fill-before-commit',
  'mid-snapshot',
];

// One build for every trial: exo and the venue run from dist/ so that restarts take milliseconds.
beforeAll(() => {
  execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
}, 120_000);

describe('kill -9', () => {
  it(`at random moments: ${TRIALS} trials, every invariant of issue 6 holds`, async () => {
    const failures: string[] = [];
    for (let seed = 1; seed <= TRIALS; seed++) {
      const result = await runTrial({ seed, kills: 2 });
      for (const violation of result.violations) failures.push(`seed ${seed}: ${violation}`);
      if (result.violations.length > 0) failures.push(evidence(result));
      if (result.orders === 0) failures.push(`seed ${seed}: no order was acknowledged`);
    }
    expect(failures).toEqual([]);
  }, 600_000);

  describe('at each named crash point (EXO_CRASH_AT), recovery keeps every invariant', () => {
    for (const [i, point] of POINTS.entries()) {
      it(point, async () => {
        const result = await runTrial({ seed: 100 + i, kills: 0, crashAt: point });
        expect(result.violations, evidence(result)).toEqual([]);
        expect(result.orders).toBeGreaterThan(0);
      }, 120_000);
    }
  });
});

/** Where a failed trial's evidence is, for the failure message: a CI log then says where to look. */
function evidence(result: TrialResult): string {
  return `seed ${result.seed}: evidence kept in ${result.keptAt}`;
}
