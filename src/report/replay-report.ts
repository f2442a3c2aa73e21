import type { Side } from '../market/side.js';
import type { ReplayRunFacts } from '../replay/replay-outcome.js';

/** The report's format name and version, written into every out.json and checked on reading. */
export const REPORT_FORMAT = 'exo-replay-report';
export const REPORT_VERSION = 1;

/** What the report says of every replay, in out.json and in the HTML alike. */
export const NO_IMPACT_NOTICE =
  'Replay has no market impact: the recorded quotes and trades are replayed as they were, and the ' +
  "orders' own fills never move them. Costs here are what these orders would have paid against " +
  'that tape, not what trading them live would have done to it.';

/**
 * A replay's transaction-cost report, as out.json holds it: decimals are strings, times integer
 * microseconds, bps strings rounded to 2 places, and `null` where a figure has no benchmark (no
 * quote before the order, no trades in its life, nothing filled).
 */
export interface ReplayReport {
  readonly format: typeof REPORT_FORMAT;
  readonly version: typeof REPORT_VERSION;
  readonly notice: string;
  readonly run: RunReport;
  readonly orders: readonly OrderReport[];
  /** SHA-256 (hex) of the canonical JSON of this report without `digest` and `run.runtime`. */
  readonly digest: string;
}

/** One parent order's costs. */
export interface OrderReport {
  readonly ref: string;
  readonly orderId: string;
  readonly symbol: string;
  readonly side: Side;
  readonly algo: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly status: string;
  readonly limitPrice: string | null;
  readonly quantity: string;
  readonly filled: string;
  readonly remaining: string;
  readonly fills: number;
  readonly children: number;
  readonly avgPx: string | null;
  /** Mid of the symbol's last quote before startUs (one at the instant itself came after the order). */
  readonly arrivalMid: string | null;
  /** Mid of the symbol's last quote at or before the order's end (or the recording's). */
  readonly endMid: string | null;
  /** Execution shortfall of the filled part against arrivalMid, bps of its notional. */
  readonly isBps: string | null;
  /** The unfilled remainder's cost from arrivalMid to endMid, bps of its notional. */
  readonly opportunityBps: string | null;
  /** Both together, bps of the whole quantity's arrival notional. */
  readonly totalIsBps: string | null;
  /** VWAP and volume of the recorded trades in the order's life. */
  readonly marketVwap: string | null;
  readonly marketVolume: string;
  readonly vwapSlippageBps: string | null;
  /** filled / marketVolume, rounded to 4 places. */
  readonly participation: string | null;
  readonly startUs: number;
  /** When it reached a final status; null when the recording ended first. */
  readonly endUs: number | null;
  /** endUs − startUs when it filled completely, else null. */
  readonly timeToCompleteUs: number | null;
}

/** The run's facts (the outcome's, the conflation ratio as text), its fills' hash and totals. */
export interface RunReport extends Omit<ReplayRunFacts, 'conflationRatio'> {
  /** Market events per market-data update, rounded to 4 places. */
  readonly conflationRatio: string;
  /** SHA-256 (hex) of every fill's canonical line (see fillsSha256). */
  readonly fillsSha256: string;
  readonly totals: ReportTotals;
  /** Wall-clock figures, when the caller gives them: outside the digest. */
  readonly runtime?: ReportRuntime;
}

/** Wall-clock figures of a run (wall ms, events/s...): written in run.runtime, outside the digest. */
export type ReportRuntime = Readonly<Record<string, number | string>>;

/** Figures over a set of orders (a run's, or one algorithm's in a comparison). */
export interface ReportTotals {
  readonly orders: number;
  readonly quantity: string;
  readonly filled: string;
  /** filled / quantity, rounded to 4 places; null for no quantity. */
  readonly completion: string | null;
  /** isBps weighted by each order's filled quantity at its arrival mid (F·M₀). */
  readonly isBps: string | null;
  /** totalIsBps weighted by each order's arrival notional (quantity × arrivalMid). */
  readonly totalIsBps: string | null;
  /** vwapSlippageBps weighted by each order's filled quantity at its market VWAP (F·V). */
  readonly vwapSlippageBps: string | null;
}
