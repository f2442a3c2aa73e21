import { JournalFileError, JournalSchemaError } from '../journal/journal-errors.js';
import { type OrderContext, orderProblem } from '../replay/order-checks.js';
import { readOrdersFile } from '../replay/orders-file.js';
import { readJournalOrders } from '../replay/orders-from-journal.js';
import type { RecordingSpan } from '../replay/recording-span.js';
import type { ReplayOrder } from '../replay/replay-order.js';
import { ReplayOrdersError } from '../replay/replay-orders-error.js';
import { defaultWorkers, runInWorkers } from '../replay/worker-pool.js';
import { ReportFileError } from '../report/index.js';
import { workerEntry } from '../util/worker-thread.js';
import { readCompare } from './replay-compare.js';
import { ReplayFlagError, type ReplayFlags, readReplayFlags } from './replay-flags.js';
import type { ReplayJob, ReplayResult } from './replay-job.js';
import {
  REPLAY_PARTS,
  type ReplayOutput,
  type ReplayPipeline,
  replayPipeline,
} from './replay-pipeline.js';
import { replayProgress } from './replay-progress.js';
import { sweepJobs } from './replay-sweep.js';
import { REPLAY_USAGE } from './replay-usage.js';
import { loadUserFactory } from './user-factory.js';

/** What `exo replay` writes to: the summary on stdout, errors and the progress bar on stderr. */
export interface ReplayCommandIO {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream & { readonly isTTY?: boolean };
}

/** What `exo replay` runs with: the pipeline, and how a sweep's jobs run (worker threads). */
export interface ReplayDeps {
  readonly pipeline: ReplayPipeline;
  runSweep(
    jobs: readonly ReplayJob[],
    workers: number,
    progress: (events: number) => void,
  ): Promise<ReplayResult[]>;
}

/** The real dependencies: the wired pipeline, and a sweep in worker threads (replay-worker). */
export const REPLAY_DEPS: ReplayDeps = {
  pipeline: replayPipeline(REPLAY_PARTS),
  runSweep: (jobs, workers, progress) =>
    runInWorkers(workerEntry(import.meta.url, './replay-worker'), jobs, {
      workers,
      onProgress: progress,
    }),
};

/** A problem with the command's input (flags, files, orders): exit 2, as the usage is at fault. */
class InputError extends Error {}

/**
 * `exo replay FILE... --orders F | --orders-from-journal J --report out.html ...`: checks the
 * command line and inputs, runs the replay (or a sweep's, in worker threads) with a progress bar
 * on a terminal, writes the report and prints its summary table. Resolves with the exit status: 2
 * for bad input (one line naming the flag, or the file and position), 1 when a replay fails.
 */
export async function runReplayCommand(
  argv: readonly string[],
  io: ReplayCommandIO,
  deps: ReplayDeps = REPLAY_DEPS,
): Promise<number> {
  let flags: ReplayFlags | undefined;
  let jobs: ReplayJob[];
  let span: RecordingSpan;
  let compare: ReplayOutput['compare'];
  try {
    flags = readReplayFlags(argv);
    if (flags === undefined) {
      io.stdout.write(REPLAY_USAGE);
      return 0;
    }
    compare = await Promise.all(flags.compare.map(readCompare));
    span = await scan(deps.pipeline, flags);
    const factory = flags.options.factory;
    const algos =
      factory === undefined ? deps.pipeline.algos : (await loadUserFactory(factory)).algos;
    const context: OrderContext = { recording: span, algos };
    const orders = await readOrders(flags, context, io);
    const base: ReplayJob = {
      label: '',
      files: flags.files,
      allowTruncated: flags.allowTruncated,
      orders,
      options: flags.options,
    };
    jobs =
      flags.sweep === undefined
        ? [base]
        : sweepJobs(base, flags.sweep, (variant) => firstProblem(variant, context));
  } catch (error) {
    const message = inputProblem(error);
    if (message === undefined) throw error;
    const hint = error instanceof ReplayFlagError ? ' (exo replay --help lists the options)' : '';
    io.stderr.write(`exo replay: ${message}${hint}\n`);
    return 2;
  }
  const events = span.events * jobs.length;
  const progress = replayProgress(io.stderr, events);
  const started = performance.now();
  try {
    const results =
      flags.sweep === undefined
        ? [await deps.pipeline.run(jobs[0]!, (events) => progress.add(events))]
        : await deps.runSweep(jobs, flags.workers ?? defaultWorkers(), (events) =>
            progress.add(events),
          );
    progress.stop();
    const wallMs = Math.round(performance.now() - started);
    const table = await deps.pipeline.publish(results, {
      html: flags.report,
      json: flags.json,
      compare,
      runtime: { wallMs, eventsPerSecond: wallMs > 0 ? Math.round((events * 1_000) / wallMs) : 0 },
    });
    io.stdout.write(table);
    return 0;
  } catch (error) {
    // A replay that failed, or a report that could not be written: one line, exit 1.
    progress.stop();
    io.stderr.write(`exo replay: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

async function scan(pipeline: ReplayPipeline, flags: ReplayFlags): Promise<RecordingSpan> {
  try {
    return await pipeline.scan(flags.files, flags.allowTruncated);
  } catch (error) {
    // The tick reader's errors name the file and position: bad input, as the usage is.
    throw new InputError(error instanceof Error ? error.message : String(error));
  }
}

/** The orders to replay, from the file or the journal, with --algo/--params applied and checked. */
async function readOrders(
  flags: ReplayFlags,
  context: OrderContext,
  io: ReplayCommandIO,
): Promise<ReplayOrder[]> {
  const source = flags.orders;
  let orders: ReplayOrder[];
  if (source.kind === 'file') {
    orders = await readOrdersFile(source.path, context);
  } else {
    const read = readJournalOrders(source.path);
    for (const id of read.refused) {
      io.stderr.write(
        `exo replay: ${id} left out: the live engine refused it after journaling it\n`,
      );
    }
    orders = read.orders;
  }
  const { algo, params } = flags;
  if (algo !== undefined || params !== undefined) {
    orders = orders.map((order) => ({
      ...order,
      ...(algo === undefined ? {} : { algo }),
      ...(params === undefined ? {} : { params }),
    }));
  }
  const overridden = algo === undefined && params === undefined ? '' : ' (with --algo/--params)';
  if (source.kind === 'journal' || overridden !== '') {
    const problem = firstProblem(orders, context);
    if (problem !== undefined)
      throw new ReplayOrdersError(source.path, '', `${problem}${overridden}`);
  }
  return orders;
}

/** The first order that cannot be replayed, as `REF.FIELD: reason`, or undefined. */
function firstProblem(orders: readonly ReplayOrder[], context: OrderContext): string | undefined {
  for (const order of orders) {
    const problem = orderProblem(order, context);
    if (problem !== undefined) return `${order.ref}.${problem.field}: ${problem.reason}`;
  }
  return undefined;
}

/** The one line for an input error, or undefined for an error that is not about the input. */
function inputProblem(error: unknown): string | undefined {
  const input =
    error instanceof ReplayFlagError ||
    error instanceof ReplayOrdersError ||
    error instanceof JournalFileError ||
    error instanceof JournalSchemaError ||
    error instanceof ReportFileError ||
    error instanceof InputError;
  return input ? (error as Error).message : undefined;
}
