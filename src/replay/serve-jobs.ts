import { parentPort } from 'node:worker_threads';
import type { PoolReply, PoolRequest } from './worker-messages.js';

/**
 * A job runner a worker serves: called with each input and a way to report units of progress,
 * resolving with a structured-clonable output.
 */
export type JobRunner<Input, Output> = (
  input: Input,
  progress: (units: number) => void,
) => Promise<Output>;

/** How often a worker posts its progress, at most. */
const PROGRESS_INTERVAL_MS = 100;

/**
 * Makes this worker thread run `run` for each job runInWorkers sends it, posting progress and the
 * output (or the failure's message) back. A worker entry module is one call of this.
 */
export function serveJobs<Input, Output>(run: JobRunner<Input, Output>): void {
  const port = parentPort;
  if (port === null) throw new Error('serveJobs runs only in a worker thread');
  const reply = (message: PoolReply): void => port.postMessage(message);
  // Progress is summed here and posted a few times a second: a message per event would cost
  // more than the replay itself.
  let pending = 0;
  let postedAt = performance.now();
  const flush = (): void => {
    if (pending > 0) reply({ kind: 'progress', units: pending });
    pending = 0;
    postedAt = performance.now();
  };
  const progress = (units: number): void => {
    pending += units;
    if (performance.now() - postedAt >= PROGRESS_INTERVAL_MS) flush();
  };
  port.on('message', (request: PoolRequest) => {
    run(request.input as Input, progress).then(
      (output) => {
        flush();
        reply({ kind: 'done', index: request.index, output });
      },
      (error: unknown) =>
        reply({
          kind: 'failed',
          index: request.index,
          message: error instanceof Error ? error.message : String(error),
        }),
    );
  });
}
