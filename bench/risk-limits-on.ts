import { decimal } from '../src/market/decimal.js';
import type { RiskLimits } from '../src/risk/risk-limits.js';

/**
 * Every child rule on (size, collar, counts, rates, duplicates, self-trade), each loose enough
 * that the benchmarks' children pass (a refusal would be less work, not the checks' cost).
 */
export const CHILD_RULES_ON: RiskLimits = {
  venueChildRatePerSecond: 100_000,
  venueChildRateHardCap: 200_000,
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
  },
  perSymbol: {},
};

/** Loose enough for every benchmark's orders: the exposure rules' cost, not their refusals. */
const LOOSE_NOTIONAL = decimal('1000000000000000');

/**
 * The child rules and every exposure rule on, per symbol and in total: the limits the risk
 * benchmarks run "on" with.
 */
export const ALL_RULES_ON: RiskLimits = {
  ...CHILD_RULES_ON,
  maxExposureNotional: LOOSE_NOTIONAL,
  maxDailyTradedNotional: LOOSE_NOTIONAL,
  maxDailyLoss: LOOSE_NOTIONAL,
  defaults: {
    ...CHILD_RULES_ON.defaults,
    maxLongPosition: decimal('1000000000'),
    maxShortPosition: decimal('1000000000'),
    maxExposureNotional: LOOSE_NOTIONAL,
    maxDailyTradedNotional: LOOSE_NOTIONAL,
    maxDailyLoss: LOOSE_NOTIONAL,
  },
};
