import { availableParallelism } from 'node:os';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { PoolReply, PoolRequest, WorkerSetup } from './worker-messages.js';

/**
 * A function a pool runs in its workers: the export `name` of the module at `module` (a file URL),
 * called as `fn(input, progress)` with a structured-clonable input, resolving with a clonable
 * output. `progress(n)` reports n more units of work done (events replayed), for a progress bar.
 */
export interface PoolTask {
  readonly module: string;
  readonly name: string;
}

/** How a pool runs: how many workers, and who hears progress (summed over every job). */
export interface PoolOptions {
  readonly workers: number;
  readonly onProgress?: (units: number) => void;
}

/** The default number of workers: two, or one on a single core. */
export function defaultWorkers(): number {
  return Math.min(2, availableParallelism());
}

/** This module's extension: `.ts` when run from source (tsx, vitest), `.js` from dist/. */
const OWN_EXTENSION = extname(fileURLToPath(import.meta.url));
const ENTRY = new URL(`./pool-worker${OWN_EXTENSION}`, import.meta.url).href;

/**
 * The code each worker starts with. From source, the worker registers tsx before importing the
 * entry (`--import tsx` in execArgv does not reach a worker's loader on Node 20); from dist/ it
 * imports the compiled entry directly.
 */
const BOOT =
  OWN_EXTENSION === '.ts'
    ? `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(ENTRY)}); })`
    : `import(${JSON.stringify(ENTRY)})`;

/**
 * Runs `task` once per input in `options.workers` worker threads and resolves with the outputs in
 * the inputs' order. Each job gets its input alone, as it would running by itself; a job that
 * throws rejects the whole run with its message (naming the input's index), and every worker is
 * stopped either way.
 */
export async function runInWorkers<Input, Output>(
  task: PoolTask,
  inputs: readonly Input[],
  options: PoolOptions,
): Promise<Output[]> {
  const outputs = new Array<Output>(inputs.length);
  let next = 0;
  const setup: WorkerSetup = { module: task.module, name: task.name };
  const count = Math.max(1, Math.min(options.workers, inputs.length));
  const workers: Worker[] = [];
  const drain = (worker: Worker): Promise<void> =>
    new Promise((resolve, reject) => {
      const send = (): void => {
        if (next >= inputs.length) {
          resolve();
          return;
        }
        const request: PoolRequest = { index: next, input: inputs[next] };
        next++;
        worker.postMessage(request);
      };
      worker.on('message', (reply: PoolReply) => {
        if (reply.kind === 'progress') return options.onProgress?.(reply.units);
        if (reply.kind === 'failed')
          return reject(new Error(`run ${reply.index + 1}: ${reply.message}`));
        outputs[reply.index] = reply.output as Output;
        send();
      });
      worker.on('error', reject);
      worker.on('exit', (code) => reject(new Error(`a replay worker exited early (code ${code})`)));
      send();
    });
  try {
    for (let i = 0; i < count; i++) {
      workers.push(new Worker(BOOT, { eval: true, workerData: setup }));
    }
    await Promise.all(workers.map(drain));
    return outputs;
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}
