import { threadId } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { runInWorkers } from '../../src/replay/worker-pool.js';
import { workerEntry } from '../../src/util/worker-thread.js';
import { fakeRun } from './fixtures/fake-run.js';

const ENTRY = workerEntry(import.meta.url, './fixtures/fake-worker');

describe('runInWorkers', () => {
  it('runs each input in a worker exactly as alone, outputs in input order, progress summed', async () => {
    const inputs = [1, 2, 3, 4, 5].map((seed) => ({ seed, steps: seed * 10 }));
    let progress = 0;
    const outputs = await runInWorkers<
      (typeof inputs)[number],
      Awaited<ReturnType<typeof fakeRun>>
    >(ENTRY, inputs, { workers: 2, onProgress: (units) => (progress += units) });
    const alone = await Promise.all(inputs.map((input) => fakeRun(input, () => undefined)));
    expect(outputs.map((o) => o.digest)).toEqual(alone.map((o) => o.digest));
    expect(new Set(outputs.map((o) => o.thread)).size).toBe(2);
    expect(outputs.every((o) => o.thread !== threadId)).toBe(true);
    expect(progress).toBe(inputs.reduce((sum, input) => sum + input.steps, 0));
  });

  it('rejects with the failing run and its reason', async () => {
    const inputs = [
      { seed: 1, steps: 1 },
      { seed: 2, steps: 1, fail: true },
    ];
    await expect(runInWorkers(ENTRY, inputs, { workers: 1 })).rejects.toThrow(
      'run 2: seed 2 cannot run',
    );
  });

  it('rejects when a worker cannot start', async () => {
    const entry = workerEntry(import.meta.url, './fixtures/no-serve-worker');
    await expect(runInWorkers(entry, [{ seed: 1, steps: 1 }], { workers: 1 })).rejects.toThrow(
      'this worker cannot start',
    );
  });
});
