import { fileURLToPath } from 'node:url';
import { decimal } from '../src/market/decimal.js';
import { readLimitsFile } from '../src/risk/limits-file.js';
import type { RiskLimits, SymbolLimits } from '../src/risk/risk-limits.js';

const SHIPPED = fileURLToPath(new URL('../limits.default.json', import.meta.url));
/** More than the benchmarks ever have at once: 32 orders in flight, children of 100 parents. */
const COUNT_ROOM = 10_000;
/**
 * More than the benchmarks ever hold, trade or lose in a day (positions, notional and loss): their
 * takes only buy, so the shipped position and notional limits would soon refuse them.
 */
const EXPOSURE_ROOM = decimal('1000000000000000');

/**
 * The limits the risk benchmarks run "on" with: every rule of the limits file set, none binding
 * (a refusal or a delay would be less work, not the checks' cost). The shipped limits.default.json
 * gives the symbols, the algorithms, the parent sizes and the per-symbol entries; the rules it
 * leaves out are added at plausible values; some of its own are loosened because the load would
 * hit them: the exposure rules (EXPOSURE_ROOM), the open-parent counts (20 a symbol, 50 in all,
 * under 32 orders in flight), and the parent collar, since the benchmarks' takes are priced far through the market (a buy of BTC-USD
 * limited at 1,000,000) so that they always fill. Typed `Required`, so that a rule added to the
 * limits does not compile here until it is set.
 */
export function allRulesOn(): RiskLimits {
  const shipped = readLimitsFile(SHIPPED);
  const defaults: Required<SymbolLimits> = {
    maxParentQuantity: given(shipped.defaults.maxParentQuantity, 'defaults.maxParentQuantity'),
    maxParentNotional: given(shipped.defaults.maxParentNotional, 'defaults.maxParentNotional'),
    parentCollar: { percent: decimal('1000000'), ticks: 1_000_000_000 },
    maxOpenParents: COUNT_ROOM,
    maxChildQuantity: decimal('100'),
    maxChildNotional: decimal('250000'),
    childCollar: { percent: decimal('5'), ticks: 100_000 },
    maxWorkingChildrenPerParent: 10,
    maxWorkingChildren: COUNT_ROOM,
    childRatePerSecond: 5_000,
    childRateHardCap: 10_000,
    // The smallest window a file takes (riskIntake cannot keep even that: see intakeLimits).
    duplicateWindowMs: 1,
    refuseSelfTrade: true,
    maxLongPosition: EXPOSURE_ROOM,
    maxShortPosition: EXPOSURE_ROOM,
    maxExposureNotional: EXPOSURE_ROOM,
    maxDailyTradedNotional: EXPOSURE_ROOM,
    maxDailyLoss: EXPOSURE_ROOM,
  };
  const limits: Required<RiskLimits> = {
    symbols: given(shipped.symbols, 'symbols'),
    algos: given(shipped.algos, 'algos'),
    maxOpenParents: COUNT_ROOM,
    venueChildRatePerSecond: 20_000,
    venueChildRateHardCap: 40_000,
    maxExposureNotional: EXPOSURE_ROOM,
    maxDailyTradedNotional: EXPOSURE_ROOM,
    maxDailyLoss: EXPOSURE_ROOM,
    defaults,
    perSymbol: withoutPositionLimits(shipped.perSymbol),
    autoHalt: given(shipped.autoHalt, 'autoHalt'),
  };
  return limits;
}

/** A field the shipped file is expected to set; its absence means this file needs updating. */
function given<T>(value: T | undefined, path: string): T {
  if (value === undefined) throw new Error(`${SHIPPED} no longer sets ${path}`);
  return value;
}

/** The shipped per-symbol entries without their position limits, which the defaults' room replaces. */
function withoutPositionLimits(
  perSymbol: RiskLimits['perSymbol'],
): Readonly<Record<string, SymbolLimits>> {
  return Object.fromEntries(
    Object.entries(perSymbol).map(([symbol, own]) => {
      const { maxLongPosition: _long, maxShortPosition: _short, ...rest } = own;
      return [symbol, rest];
    }),
  );
}
