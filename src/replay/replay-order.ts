import type { Side } from '../market/side.js';

/**
 * A parent order a replay places, as `orders.json` (or a live journal, for a what-if rerun) gives
 * it: its terms, its algorithm, when it arrives, and the amends and cancel that follow. Times are
 * microseconds since the epoch, on the recording's receive clock. Decimals are strings, as written.
 */
export interface ReplayOrder {
  /** The order's name in the input (its position, or the live order's ID), for errors and reports. */
  readonly ref: string;
  readonly symbol: string;
  readonly side: Side;
  readonly quantity: string;
  readonly limitPrice?: string;
  readonly algo: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly startUs: number;
  readonly amends: readonly ReplayAmend[];
  readonly cancelAtUs?: number;
}

/** A change of a replayed order's terms at a moment: a new quantity, a new limit, or both. */
export interface ReplayAmend {
  readonly atUs: number;
  readonly quantity?: string;
  readonly limitPrice?: string;
}
