import { decimal } from '../src/market/decimal.js';
import type { RiskLimits } from '../src/risk/risk-limits.js';

/**
 * Every child rule and every exposure rule on, each loose enough that the benchmarks' children pass (a refusal would be
 * less work, not the checks' cost): the limits the risk benchmarks run "on" with.
 */
export const ALL_RULES_ON: RiskLimits = {
  venueChildRatePerSecond: 100_000,
  venueChildRateHardCap: 200_000,
  maxExposureNotional: decimal('1000000000000000'),
  maxDailyTradedNotional: decimal('1000000000000000'),
  maxDailyLoss: decimal('1000000000000'),
  defaults: {
    maxChildQuantity: decimal('1000000'),
    maxChildNotional: decimal('1000000000000'),
    childCollar: { percent: decimal('50'), ticks: 1_000_000_000 },
    maxWorkingChildrenPerParent: 1_000,
    maxWorkingChildren: 100_000,
    childRatePerSecond: 100_000,
    childRateHardCap: 200_000,
    // On a virtual clock a take retries the same terms within the same millisecond; a window of
    // 0 still looks up and records every child, and refuses none.
    duplicateWindowMs: 0,
    refuseSelfTrade: true,
    maxLongPosition: decimal('1000000000'),
    maxShortPosition: decimal('1000000000'),
    maxExposureNotional: decimal('1000000000000000'),
    maxDailyTradedNotional: decimal('1000000000000000'),
    maxDailyLoss: decimal('1000000000000'),
  },
  perSymbol: {},
};
