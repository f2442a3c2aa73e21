import { ALGO_NAMES } from '../algos/algo-factory.js';
import { type RecordingSpan, scanRecording } from '../replay/recording-span.js';
import type { ReplayOutcome } from '../replay/replay-outcome.js';
import { runReplay } from '../replay/run-replay.js';
import { buildReport, type ReplayReport, type ReportRuntime } from '../report/index.js';
import { TickFileError, TickReader } from '../ticks/index.js';
import type { TickEvent } from '../ticks/tick-event.js';
import { fileDigests } from './file-digests.js';
import type { ReplayJob, ReplayResult } from './replay-job.js';
import { publishReports } from './replay-publish.js';
import { loadUserFactory } from './user-factory.js';

/** A recording opened for reading: its blocks in file order, and whether one lacked its end block. */
export interface TickSource {
  readonly blocks: AsyncIterable<readonly TickEvent[]>;
  /** Known once `blocks` has been read to its end. */
  truncated(): boolean;
}

/** Where `exo replay` writes its report, earlier reports to set beside it, and the run's timing. */
export interface ReplayOutput {
  readonly html: string;
  readonly json: string | undefined;
  /** The `--compare` reports, each with its file. */
  readonly compare: readonly { readonly file: string; readonly report: ReplayReport }[];
  /** Wall-clock figures, written outside the digest. */
  readonly runtime: ReportRuntime;
}

/**
 * What `exo replay` needs of the tick file, the replay core and the report, in one place: the
 * command and its workers call only this, so those parts are wired here and faked in tests.
 */
export interface ReplayPipeline {
  /** The algorithms replay can build, for checking orders and `--algo`. */
  readonly algos: readonly string[];
  /** Reads the recording once for its symbols, span and event count (orders are checked against it). */
  scan(files: readonly string[], allowTruncated: boolean): Promise<RecordingSpan>;
  /** Runs one replay; `progress(n)` hears n more events replayed. */
  run(job: ReplayJob, progress: (events: number) => void): Promise<ReplayResult>;
  /** Writes the report (HTML, JSON) of one run or a sweep's runs; returns the summary table. */
  publish(results: readonly ReplayResult[], output: ReplayOutput): Promise<string>;
}

/**
 * The two calls into parts built beside this command (the tick reader, the replay core): each
 * refuses until wired to the real one.
 */
export interface ReplayParts {
  /** `TickReader.open` over each file in turn, `{ allowTruncated }`. */
  openTicks(files: readonly string[], allowTruncated: boolean): TickSource;
  /** `runReplay(ticks, orders, { ...options, onProgress })`. */
  runReplay(
    ticks: AsyncIterable<readonly TickEvent[]>,
    job: ReplayJob,
    onProgress: (events: number) => void,
  ): Promise<ReplayOutcome>;
}

/** The pipeline over `parts`: scanning, progress and the report here, the replay theirs. */
export function replayPipeline(parts: ReplayParts): ReplayPipeline {
  return {
    algos: ALGO_NAMES,
    scan: (files, allowTruncated) => scanRecording(parts.openTicks(files, allowTruncated).blocks),
    async run(job, progress) {
      // runReplay reports events replayed so far; the pool and the bar count what is new.
      let seen = 0;
      const onProgress = (events: number): void => {
        progress(events - seen);
        seen = events;
      };
      const ticks = parts.openTicks(job.files, job.allowTruncated);
      const replayed = await parts.runReplay(ticks.blocks, job, onProgress);
      // The replay core sees events only: what was read, and whether all of it, is said here.
      const outcome: ReplayOutcome = {
        ...replayed,
        run: {
          ...replayed.run,
          inputs: await fileDigests(job.files),
          truncated: ticks.truncated(),
        },
      };
      // The report reads the recording again, in order, for arrival mids and the tape.
      const report = await buildReport(
        outcome,
        parts.openTicks(job.files, job.allowTruncated).blocks,
      );
      return { label: job.label, outcome, report };
    },
    publish: publishReports,
  };
}

/**
 * Each file's blocks in turn, read with TickReader; truncated when any file lacked its end block.
 * The reader checks time within a file; a file starting before the last one ended (files given
 * out of order) is a TickFileError naming it, as bad input, not a failed replay.
 */
function openTicks(files: readonly string[], allowTruncated: boolean): TickSource {
  const readers: TickReader[] = [];
  async function* blocks(): AsyncGenerator<readonly TickEvent[]> {
    let last: { file: string; recvUs: number } | undefined;
    for (const file of files) {
      const reader = await TickReader.open(file, { allowTruncated });
      readers.push(reader);
      let started = false;
      for await (const block of reader.blocks()) {
        const first = block[0];
        // Only a file's first event needs this: the reader checks the rest.
        if (!started && first !== undefined && last !== undefined) {
          if (first.recvUs < last.recvUs) {
            throw new TickFileError(
              file,
              'time-backwards',
              'event 0',
              `time goes backwards: recvUs ${first.recvUs} after ${last.recvUs}, the last of ${last.file}`,
              'recvUs',
            );
          }
        }
        if (first !== undefined) started = true;
        if (block.length > 0) last = { file, recvUs: block[block.length - 1]!.recvUs };
        yield block;
      }
    }
  }
  return { blocks: blocks(), truncated: () => readers.some((reader) => reader.truncated) };
}

/** The tick reader and the replay core. */
export const REPLAY_PARTS: ReplayParts = {
  openTicks,
  async runReplay(ticks, job, onProgress) {
    const { factory, ...options } = job.options;
    const user = factory === undefined ? undefined : await loadUserFactory(factory);
    return runReplay(ticks, job.orders, {
      ...options,
      ...(user === undefined ? {} : { createFactory: user.createFactory }),
      onProgress,
    });
  },
};
