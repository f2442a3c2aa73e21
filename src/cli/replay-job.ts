import type { ReplayOrder } from '../replay/replay-order.js';
import type { ReplayOutcome } from '../replay/replay-outcome.js';
import type { BuiltReport } from '../report/index.js';
import type { FillModel } from '../venues/paper/fill-model.js';

/** How a replay decides timing and fills: all plain data, so a worker gets exactly the same. */
export interface ReplayRunOptions {
  readonly seed: number;
  /** `50us`, or seeded `lognormal:50us,400us`; the replay core's default when absent. */
  readonly decisionLatency?: string;
  readonly entryLatency?: string;
  readonly responseLatency?: string;
  readonly fillModel?: FillModel;
  /** `--factory`: the user's delegate module, as an absolute path (each worker imports it). */
  readonly factory?: string;
}

/**
 * One replay to run, whole: the recording's files, the orders and the options. A sweep makes one
 * per value; each is run as it would be alone (in a worker or not), so its result is the same.
 */
export interface ReplayJob {
  /** What distinguishes it in a sweep (`algo=peg`), or empty for a run alone. */
  readonly label: string;
  readonly files: readonly string[];
  /** Whether a recording without its end block is replayed as far as it reads. */
  readonly allowTruncated: boolean;
  readonly orders: readonly ReplayOrder[];
  readonly options: ReplayRunOptions;
}

/** What one job produced: its outcome, and its report (built where the events were read). */
export interface ReplayResult {
  readonly label: string;
  readonly outcome: ReplayOutcome;
  readonly report: BuiltReport;
}
