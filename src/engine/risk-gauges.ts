import { Gauge, type Registry } from 'prom-client';
import type { Decimal } from '../market/decimal.js';
import type { RiskUsage, SymbolStanding } from '../risk/risk-usage.js';

/** A gauge per symbol of one figure of where exo stands, set from the usage at each scrape. */
function standingGauge(
  registry: Registry,
  name: string,
  help: string,
  usage: () => RiskUsage,
  figure: (standing: SymbolStanding) => Decimal | undefined,
): void {
  new Gauge({
    name,
    help,
    labelNames: ['symbol'],
    registers: [registry],
    collect() {
      this.reset();
      for (const standing of usage().symbols) {
        const value = figure(standing);
        if (value !== undefined) this.set({ symbol: standing.symbol }, value.toNumber());
      }
    },
  });
}

/**
 * The risk gauges, worked out from `Engine.riskUsage()` at each scrape: per symbol the position,
 * the worst-case exposure, the notional traded today and the day's P&L; and for every exposure
 * limit set, its usage and its limit by rule (and symbol; none for a total), so usage ÷ limit
 * says how close a limit is.
 */
export function riskGauges(registry: Registry, usage: () => RiskUsage): void {
  standingGauge(
    registry,
    'exo_risk_position',
    'Net position from fills, by symbol.',
    usage,
    (s) => s.position,
  );
  standingGauge(
    registry,
    'exo_risk_notional',
    'Worst-case exposure (position at the mark plus open parents on the larger side), by symbol.',
    usage,
    (s) => s.exposure,
  );
  standingGauge(
    registry,
    'exo_risk_daily_traded',
    "Notional traded by the UTC day's fills, by symbol.",
    usage,
    (s) => s.dailyTraded,
  );
  standingGauge(
    registry,
    'exo_risk_daily_pnl',
    'P&L of the UTC day: realised plus the position marked to market, by symbol.',
    usage,
    (s) => s.dailyPnl,
  );
  for (const [name, help, pick] of [
    ['exo_risk_usage', 'Each exposure limit set: the figure its intake check compares.', 'value'],
    ['exo_risk_limit', 'Each exposure limit set: the limit.', 'limit'],
  ] as const) {
    new Gauge({
      name,
      help,
      labelNames: ['rule', 'symbol'],
      registers: [registry],
      collect() {
        this.reset();
        for (const row of usage().limits) {
          const value = row[pick];
          if (row.limit === undefined || value === undefined) continue;
          this.set(
            { rule: row.rule, ...(row.symbol === undefined ? {} : { symbol: row.symbol }) },
            value.toNumber(),
          );
        }
      },
    });
  }
}
