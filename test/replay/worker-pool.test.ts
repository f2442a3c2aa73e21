import { threadId } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { runInWorkers } from '../../src/replay/worker-pool.js';
import { fakeRun } from './fixtures/fake-run.js';

const TASK = { module: new URL('./fixtures/fake-run.ts', import.meta.url).href, name: 'fakeRun' };

describe('runInWorkers', () => {
  it('runs each input in a worker exactly as alone, outputs in input order, progress summed', async () => {
    const inputs = [1, 2, 3, 4, 5].map((seed) => ({ seed, steps: seed * 10 }));
    let progress = 0;
    const outputs = await runInWorkers<
      (typeof inputs)[number],
      Awaited<ReturnType<typeof fakeRun>>
    >(TASK, inputs, { workers: 2, onProgress: (units) => (progress += units) });
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
    await expect(runInWorkers(TASK, inputs, { workers: 1 })).rejects.toThrow(
      'run 2: seed 2 cannot run',
    );
  });

  it('names a module without the function', async () => {
    await expect(
      runInWorkers({ ...TASK, name: 'nothing' }, [{ seed: 1, steps: 1 }], { workers: 1 }),
    ).rejects.toThrow('exports no function nothing');
  });
});
