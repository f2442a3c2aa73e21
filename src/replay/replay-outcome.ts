import type { ReplayOrder } from './replay-order.js';

/**
 * What one replay produced: each order's life and fills, and the run's own figures. The report
 * (transaction costs, the HTML chart) is computed from this and the recording's events alone, so a
 * report can be rebuilt from an outcome saved earlier. Decimals are strings; times microseconds.
 */
export interface ReplayOutcome {
  readonly orders: readonly ReplayedOrder[];
  readonly run: ReplayRunFacts;
}

/**
 * One parent order as the replay ran it: its terms as given (ReplayOrder's, `quantity` and
 * `limitPrice` those it ended with, after amends), and what became of it.
 */
export interface ReplayedOrder extends Omit<ReplayOrder, 'amends' | 'cancelAtUs'> {
  /** The ID exo gave it. */
  readonly orderId: string;
  /** When it reached a final status, or undefined when the recording ended first. */
  readonly endUs?: number;
  /** Its final (or last) status, FIX OrdStatus in snake case. */
  readonly status: string;
  /** How many child orders its algorithm sent. */
  readonly children: number;
  /** Its fills in the order they happened. */
  readonly fills: readonly ReplayedFill[];
  /** Instructions intake refused during the replay (an amend after it completed, say), with why. */
  readonly notes?: readonly string[];
}

/** One fill of a replayed order. */
export interface ReplayedFill {
  readonly timeUs: number;
  readonly px: string;
  readonly qty: string;
  /** The child that filled. */
  readonly clOrdId: string;
  readonly execId: string;
  /** Whether the child took liquidity (crossed the spread) or was filled resting. */
  readonly liquidity: 'taker' | 'maker';
}

/** The run's own facts: what was replayed, with which models and seed, and what it cost. */
export interface ReplayRunFacts {
  readonly seed: number;
  /** The models and options that decide fills and timing, by name, as given. */
  readonly models: Readonly<Record<string, string>>;
  /** Each input file with its SHA-256. */
  readonly inputs: readonly { readonly file: string; readonly sha256: string }[];
  /** Market events read from the recording. */
  readonly events: number;
  /** Updates handed to delegates. */
  readonly deliveries: number;
  /** Market events per update that carried market data: how much conflation merged. */
  readonly conflationRatio: number;
  /** The recording's span. */
  readonly fromUs: number;
  readonly toUs: number;
  /** Whether the recording lacked its end block and was replayed as far as it could be read. */
  readonly truncated: boolean;
  /** Errors the engine carried on past (a delegate that threw, say), in order; absent when none. */
  readonly errors?: readonly string[];
}
