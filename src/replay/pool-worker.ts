/**
 * A worker_threads entry for runInWorkers: imports the task's module once, then runs its export
 * for each job it is sent, posting progress and the output (or the failure) back.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { PoolReply, PoolRequest, WorkerSetup } from './worker-messages.js';

type Task = (input: unknown, progress: (units: number) => void) => Promise<unknown>;

const port = parentPort;
if (port === null) throw new Error('pool-worker runs only as a worker thread');
const setup = workerData as WorkerSetup;
const module = (await import(setup.module)) as Record<string, unknown>;
const task = module[setup.name];
if (typeof task !== 'function')
  throw new Error(`${setup.module} exports no function ${setup.name}`);

const reply = (message: PoolReply): void => port.postMessage(message);
const progress = (units: number): void => reply({ kind: 'progress', units });

port.on('message', (request: PoolRequest) => {
  (task as Task)(request.input, progress).then(
    (output) => reply({ kind: 'done', index: request.index, output }),
    (error: unknown) =>
      reply({
        kind: 'failed',
        index: request.index,
        message: error instanceof Error ? error.message : String(error),
      }),
  );
});
