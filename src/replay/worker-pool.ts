import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../util/worker-thread.js';
import type { PoolReply, PoolRequest } from './worker-messages.js';

/** How a pool runs: how many workers, and who hears progress (summed over every job). */
export interface PoolOptions {
  readonly workers: number;
  readonly onProgress?: (units: number) => void;
}

/** The default number of workers: two, or one on a single core. */
export function defaultWorkers(): number {
  return Math.min(2, availableParallelism());
}

/**
 * Runs each input in one of `options.workers` worker threads started from `entry` (a module that
 * calls serveJobs) and resolves with the outputs in the inputs' order. Each job gets its input alone, as it would running by itself; a job that
 * throws rejects the whole run with its message (naming the input's index), and every worker is
 * stopped either way.
 */
export async function runInWorkers<Input, Output>(
  entry: URL,
  inputs: readonly Input[],
  options: PoolOptions,
): Promise<Output[]> {
  const outputs = new Array<Output>(inputs.length);
  let next = 0;
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
      workers.push(startWorker(entry));
    }
    await Promise.all(workers.map(drain));
    return outputs;
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}
