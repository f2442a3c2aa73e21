import { availableParallelism } from 'node:os';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
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
 * The URL of a worker entry module beside `base` (a module's `import.meta.url`), named without
 * its extension: `.ts` when the caller runs from source (tsx, vitest), `.js` when from dist/.
 */
export function workerEntry(base: string, name: string): URL {
  return new URL(`${name}${extname(fileURLToPath(base))}`, base);
}

/**
 * The code each worker starts with. From source, the worker registers tsx before importing the
 * entry (`--import tsx` in execArgv does not reach a worker's loader on Node 20); from dist/ it
 * imports the compiled entry directly. tsx is resolved here, beside this module: evaluated code
 * resolves bare names from the working directory, which may be outside the project.
 */
function bootCode(entry: URL): string {
  const load = `import(${JSON.stringify(entry.href)})`;
  if (!entry.pathname.endsWith('.ts')) return load;
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  return `import(${tsx}).then((tsx) => { tsx.register(); return ${load}; })`;
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
      workers.push(new Worker(bootCode(entry), { eval: true }));
    }
    await Promise.all(workers.map(drain));
    return outputs;
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}
