import type { RateUsage } from './rate-window.js';
import type { RiskCounts } from './risk-counts.js';

/**
 * What the risk checks are doing, beside where exo stands (RiskUsage): each rate rule's usage
 * now, and the refusals and throttle delays so far by rule. `GET /v1/risk` answers both.
 */
export interface RiskActivity {
  readonly rates: readonly RateUsage[];
  readonly counts: RiskCounts;
}

/** The activity as `GET /v1/risk` adds it: rates as rows, counts as objects by rule. */
export function riskActivityToJSON(activity: RiskActivity): {
  readonly rates: readonly RateUsage[];
  readonly refusals: Readonly<Record<string, number>>;
  readonly delays: Readonly<Record<string, number>>;
} {
  return {
    rates: activity.rates,
    refusals: Object.fromEntries(activity.counts.refusals()),
    delays: Object.fromEntries(activity.counts.delays()),
  };
}
