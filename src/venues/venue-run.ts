import { randomBytes } from 'node:crypto';

/** Sequence numbers a run may use per millisecond of wall clock before the next run's start. */
const SEQS_PER_MS = 1000;

/**
 * One start of a paper venue, which keeps its book in memory and so loses every order when its
 * process stops: in exo (the embedded venue) or standalone (`exo venue`). exo keys fills by venue
 * and exec ID across its whole journal, so a run names its orders and executions with its own
 * random ID, and an exec ID of a new run never repeats one of an earlier run (whose fill the
 * journal would then drop as a duplicate). A run numbers its reports from the wall clock so that
 * every sequence of an earlier run lies below every sequence of a later one, and a `fillsSince`
 * cursor from an earlier run skips none of the new run's fills, as long as a run averages fewer
 * than a thousand reports per millisecond (the clock in ms × 1000 stays a safe integer until the
 * year 2255).
 */
export interface VenueRun {
  /** Random, different for every start; a standalone venue tells it to clients that connect. */
  readonly runId: string;
  /** The sequence the run's reports count up from. */
  readonly venueSeqStart: number;
  /** What the run's order and exec IDs start with: `paper-` and the run ID. */
  readonly idPrefix: string;
}

/** A new run of a paper venue starting at `nowMs` on the wall clock (see VenueRun). */
export function newVenueRun(nowMs: number): VenueRun {
  const runId = randomBytes(8).toString('hex');
  return { runId, venueSeqStart: Math.floor(nowMs) * SEQS_PER_MS, idPrefix: `paper-${runId}` };
}
