import { ALGO_NAMES } from '../algos/algo-factory.js';
import { type RecordingSpan, scanRecording } from '../replay/recording-span.js';
import type { ReplayJob, ReplayResult } from '../replay/replay-job.js';
import type { ReplayOutcome } from '../replay/replay-outcome.js';
import { durationUs } from '../replay/replay-time.js';
import type { TickEvent } from '../ticks/tick-event.js';

/** A recording opened for reading: its blocks in file order, and whether one lacked its end block. */
export interface TickSource {
  readonly blocks: AsyncIterable<readonly TickEvent[]>;
  /** Known once `blocks` has been read to its end. */
  truncated(): boolean;
}

/** Where `exo replay` writes its report, and earlier reports to set beside it. */
export interface ReplayOutput {
  readonly html: string;
  readonly json: string | undefined;
  /** Report JSON documents of `--compare` files, as read. */
  readonly compare: readonly unknown[];
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
 * Why a latency flag's value is not one replay reads, or undefined: a fixed duration (`50us`,
 * `2ms`) or seeded jitter `lognormal:MEDIAN,P99` with MEDIAN ≤ P99.
 */
export function latencyProblem(text: string): string | undefined {
  const fixed = durationUs(text);
  if (fixed !== undefined) return undefined;
  const jitter = /^lognormal:([^,]+),([^,]+)$/.exec(text);
  const low = jitter === null ? undefined : durationUs(jitter[1]!);
  const high = jitter === null ? undefined : durationUs(jitter[2]!);
  if (low === undefined || high === undefined) {
    return `expected a duration such as 50us or 2ms, or lognormal:50us,400us, got ${JSON.stringify(text)}`;
  }
  return low > high ? `the median ${jitter![1]} is above the p99 ${jitter![2]}` : undefined;
}

/**
 * The three calls into parts built beside this command (the tick reader, the replay core, the
 * report): each refuses until wired to the real one.
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
  /** `buildReport` + `reportJson` of one outcome, with the recording's events. */
  reportJson(outcome: ReplayOutcome, ticks: TickSource): Promise<unknown>;
  /** `reportHtml` and `reportJson` to their files, and `summaryTable` of the runs. */
  publish(results: readonly ReplayResult[], output: ReplayOutput): Promise<string>;
}

/** The pipeline over `parts`: scanning and progress here, everything else theirs. */
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
      const outcome = await parts.runReplay(ticks.blocks, job, onProgress);
      const report = await parts.reportJson(
        outcome,
        parts.openTicks(job.files, job.allowTruncated),
      );
      return { label: job.label, outcome, report };
    },
    publish: (results, output) => parts.publish(results, output),
  };
}

const unwired = (part: string): never => {
  throw new Error(`${part} is not wired into replay yet`);
};

/** Until the tick reader, replay core and report are merged: every call says which is missing. */
export const REPLAY_PARTS: ReplayParts = {
  openTicks: () => unwired('the tick reader (src/ticks)'),
  runReplay: () => unwired('the replay core (src/replay/run-replay.ts)'),
  reportJson: () => unwired('the report (src/report)'),
  publish: () => unwired('the report (src/report)'),
};
