import { randomBytes } from 'node:crypto';

/** Sequence numbers a run may use per millisecond of wall clock before the next run's start. */
const SEQS_PER_MS = 1000;

/**
 * One start of the standalone venue process. The venue keeps its book in memory, so a restart
 * loses every order; the run ID lets a client notice (it is told the ID when it connects), and a
 * run numbers its reports from the wall clock so that any sequence of an earlier run lies below
 * every sequence of a later one, as long as a run averages fewer than a thousand reports per
 * millisecond (the clock in ms × 1000 stays a safe integer until the year 2255).
 */
export interface VenueRun {
  /** Random, different for every start of the process. */
  readonly runId: string;
  /** The sequence the run's reports count up from. */
  readonly venueSeqStart: number;
}

/** A new run starting at `nowMs` on the wall clock. */
export function newVenueRun(nowMs: number): VenueRun {
  return { runId: randomBytes(8).toString('hex'), venueSeqStart: Math.floor(nowMs) * SEQS_PER_MS };
}
