import { execFileSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CrashPoint } from '../../src/testing/crash-point.js';
import { runTrial } from './trial.js';

const POINTS: readonly CrashPoint[] = [
  'commit-before-reply',
  'intent-before-send',
  'send-before-ack',
  'fill-before-commit',
  'mid-snapshot',
];

beforeAll(() => {
  execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
}, 120_000);

describe('exo killed at each named crash point (EXO_CRASH_AT) recovers with every invariant intact', () => {
  for (const [i, point] of POINTS.entries()) {
    it(point, async () => {
      const result = await runTrial({ seed: 100 + i, kills: 0, crashAt: point });
      expect(result.orders).toBeGreaterThan(0);
      expect(result.violations).toEqual([]);
    }, 120_000);
  }
});
