import { execFileSync } from 'node:child_process';
import { beforeAll, expect, it } from 'vitest';
import { runTrial } from './trial.js';

const TRIALS = 10;

beforeAll(() => {
  execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
}, 120_000);

it(`survives kill -9 at random moments: ${TRIALS} trials, every invariant of issue 6 holds`, async () => {
  const failures: string[] = [];
  for (let seed = 1; seed <= TRIALS; seed++) {
    const result = await runTrial({ seed, kills: 2 });
    for (const violation of result.violations) failures.push(`seed ${seed}: ${violation}`);
    expect(result.orders).toBeGreaterThan(0);
  }
  expect(failures).toEqual([]);
}, 600_000);
