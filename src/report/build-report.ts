import { decimal } from '../market/decimal.js';
import type { ReplayOutcome } from '../replay/replay-outcome.js';
import { canonicalJson, sha256Hex } from './canonical-json.js';
import { fixed } from './figures.js';
import { fillsSha256 } from './fills-digest.js';
import { marketPass, type TickBatches } from './market-pass.js';
import { type OrderChart, orderChart } from './order-chart.js';
import { orderCosts } from './order-costs.js';
import {
  NO_IMPACT_NOTICE,
  REPORT_FORMAT,
  REPORT_VERSION,
  type ReplayReport,
  type RunReport,
} from './replay-report.js';
import { totalsOf } from './totals.js';

/** How the report's charts are cut. */
export interface ReportOptions {
  /** The charts' width in pixels: the mid keeps at most two points per pixel column. Default 800. */
  readonly chartWidthPx?: number;
  /** Share of an order's life shown before and after it. Default 0.1. */
  readonly chartMargin?: number;
}

/** A report and its orders' charts (which out.json leaves out: they are for the HTML). */
export interface BuiltReport {
  readonly report: ReplayReport;
  readonly charts: readonly OrderChart[];
  /** The charts' width, as their decimation was cut for. */
  readonly chartWidthPx: number;
}

/**
 * Builds a replay's report from its outcome and the recording's events, read once, in order (see
 * orderCosts and totalsOf for the formulas). Deterministic: the same outcome and events give the
 * same report and digest. Throws ReportInputError on a figure it cannot read.
 */
export async function buildReport(
  outcome: ReplayOutcome,
  ticks: TickBatches,
  options: ReportOptions = {},
): Promise<BuiltReport> {
  const cut = { columns: options.chartWidthPx ?? 800, margin: options.chartMargin ?? 0.1 };
  const markets = await marketPass(outcome, ticks, cut);
  const orders = outcome.orders.map((order, i) => orderCosts(order, markets[i]!));
  const charts = outcome.orders.map((order, i) =>
    orderChart(order, markets[i]!, order.endUs ?? outcome.run.toUs),
  );
  const { run: facts } = outcome;
  const run: RunReport = {
    seed: facts.seed,
    models: facts.models,
    inputs: facts.inputs,
    events: facts.events,
    deliveries: facts.deliveries,
    conflationRatio: fixed(decimal(String(facts.conflationRatio)), 4),
    fromUs: facts.fromUs,
    toUs: facts.toUs,
    truncated: facts.truncated,
    fillsSha256: fillsSha256(outcome.orders),
    totals: totalsOf(orders),
  };
  const body: Omit<ReplayReport, 'digest'> = {
    format: REPORT_FORMAT,
    version: REPORT_VERSION,
    notice: NO_IMPACT_NOTICE,
    run,
    orders,
  };
  return { report: { ...body, digest: reportDigest(body) }, charts, chartWidthPx: cut.columns };
}

/** SHA-256 of a report's canonical JSON, leaving out its digest and its run's wall-clock runtime. */
export function reportDigest(report: Omit<ReplayReport, 'digest'> | ReplayReport): string {
  const { runtime: _runtime, ...run } = report.run;
  const { digest: _digest, ...rest } = report as ReplayReport;
  return sha256Hex(canonicalJson({ ...rest, run }));
}
