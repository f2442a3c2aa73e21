import type { Side } from '../market/side.js';
import type { OrderReport, ReplayReport, ReportTotals } from './replay-report.js';
import { totalsOf } from './totals.js';

/** Two or more reports side by side: the same orders (matched by ref) as each run traded them. */
export interface Comparison {
  /** The runs' names, in the order given. */
  readonly runs: readonly string[];
  /** Every ref in any run, in order of first appearance. */
  readonly orders: readonly ComparedOrder[];
  /** Per run and algorithm, its orders' totals. */
  readonly algorithms: readonly AlgorithmTotals[];
}

/** One order across the runs: `results[i]` is run i's, or null when run i had no such ref. */
export interface ComparedOrder {
  readonly ref: string;
  readonly symbol: string;
  readonly side: Side;
  readonly results: readonly (OrderReport | null)[];
}

/** The totals of one algorithm's orders in one run. */
export interface AlgorithmTotals {
  readonly run: string;
  readonly algo: string;
  readonly totals: ReportTotals;
}

/**
 * Puts reports side by side: a what-if rerun (another algorithm on the same orders) against the
 * original, or the runs of a sweep. `labels` name the runs (file names); by default "run 1"...
 */
export function compareReports(
  reports: readonly ReplayReport[],
  labels: readonly string[] = reports.map((_, i) => `run ${i + 1}`),
): Comparison {
  if (labels.length !== reports.length) {
    throw new RangeError(`${reports.length} reports but ${labels.length} labels`);
  }
  const refs = new Map<string, OrderReport>();
  for (const report of reports) {
    for (const order of report.orders) if (!refs.has(order.ref)) refs.set(order.ref, order);
  }
  const orders = [...refs.values()].map((first) => ({
    ref: first.ref,
    symbol: first.symbol,
    side: first.side,
    results: reports.map((r) => r.orders.find((o) => o.ref === first.ref) ?? null),
  }));
  const algorithms = reports.flatMap((report, i) => {
    const algos = [...new Set(report.orders.map((o) => o.algo))];
    return algos.map((algo) => ({
      run: labels[i]!,
      algo,
      totals: totalsOf(report.orders.filter((o) => o.algo === algo)),
    }));
  });
  return { runs: labels, orders, algorithms };
}
