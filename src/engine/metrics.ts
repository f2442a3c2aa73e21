import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { ActionObserver } from '../core/action-timing.js';
import type { DispatcherStats } from '../core/stats.js';
import { ORD_STATUSES } from '../market/ord-status.js';
import { TRADING_STATES, type TradingState } from '../market/trading-state.js';
import type { OrderEvent } from '../orders/order-event.js';
import type { ParentView } from '../orders/parent-view.js';
import type { RecoveryNotice } from '../recovery/reconcile.js';
import type { RiskCounts } from '../risk/risk-counts.js';
import type { RiskUsage } from '../risk/risk-usage.js';
import type { VenueLink } from '../venues/venue.js';
import type { OrderStore } from './order-store.js';
import { riskGauges } from './risk-gauges.js';
import { scrapedCounter, scrapedCountsByLabel } from './scraped-counter.js';
import { conflationRatio } from './service-event.js';
import type { UnknownChildren } from './unknown-children.js';
import { registerVenueMetrics } from './venue-metrics.js';

/** What the metrics read: the dispatcher's counters, the store's orders, the risk limits' usage. */
export interface MetricsSources {
  readonly stats: DispatcherStats;
  readonly store: OrderStore;
  /** The exposure limits' usage, for the risk gauges (see riskGauges); none without it. */
  readonly riskUsage?: () => RiskUsage;
  /** The risk checks' refusals and delays by rule, read at each scrape; none without it. */
  readonly riskCounts?: RiskCounts;
  /** The children whose outcome is unknown, followed from the order events (see orderEvent). */
  readonly unknownChildren: UnknownChildren;
  /** A venue reached over a connection: its name and link (see registerVenueMetrics). */
  readonly venue?: { readonly name: string; readonly link: () => VenueLink };
}

/** The service's Prometheus metrics, in their own registry, and the hooks that feed them. */
export interface ServiceMetrics extends ActionObserver {
  readonly registry: Registry;
  /** Counts one fill. */
  fill(): void;
  /** Follows an order event: the children whose request's outcome is unknown (a gauge). */
  orderEvent(event: OrderEvent, order: ParentView): void;
  /** Counts one fill dropped because its venue and exec ID were already journaled. */
  duplicateFill(): void;
  /**
   * Counts one disagreement with the venue that exo found and repaired or reported, by kind; an
   * `orphan_cancelled` one also in `exo_orphans_cancelled_total`.
   */
  discrepancy(kind: RecoveryNotice['kind']): void;
  /** Counts an orphan sweep whose open-order listing failed, in `exo_orphan_sweep_failures_total`. */
  orphanSweepFailed(): void;
  /**
   * Shows a scope's trading state (`global`, or a symbol) in `exo_trading_state` as 0 active,
   * 1 reducing, 2 halted; `changed` also counts it in `exo_trading_state_changes_total`.
   */
  tradingState(scope: string, state: TradingState, changed: boolean): void;
}

/** Buckets for delegate actions, in seconds: from 10 µs (a quick decision) to 1 s (a stuck one). */
const ACTION_BUCKETS = [1e-5, 5e-5, 1e-4, 5e-4, 1e-3, 5e-3, 1e-2, 5e-2, 0.1, 0.5, 1];

/**
 * Builds the metrics: orders by status, fills, risk refusals by rule, the risk gauges, ticks in,
 * updates delivered, the conflation ratio, delegate action durations, unknown children, a
 * connected venue's link, and Node's own (event-loop lag among them). The dispatcher's counters
 * are read when scraped, so the hot path pays nothing for them.
 */
export function createMetrics(sources: MetricsSources): ServiceMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const { stats, store } = sources;
  scrapedCounter(
    registry,
    'exo_ticks_in_total',
    'Quotes and trades received from market data.',
    () => {
      return stats.quotesIn + stats.tradesIn;
    },
  );
  scrapedCounter(
    registry,
    'exo_ticks_dispatched_total',
    'Ticks fanned out after conflation.',
    () => {
      return stats.quotesDispatched + stats.tradesDispatched;
    },
  );
  scrapedCounter(registry, 'exo_updates_delivered_total', 'Updates handed to delegates.', () => {
    return stats.updatesDelivered;
  });
  scrapedCounter(registry, 'exo_reports_total', 'Execution reports routed.', () => stats.reports);
  scrapedCounter(registry, 'exo_delegate_errors_total', 'Delegate actions that threw.', () => {
    return stats.delegateErrors;
  });
  new Gauge({
    name: 'exo_conflation_ratio',
    help: 'Ticks in over ticks dispatched: how many ticks conflation merged into one.',
    registers: [registry],
    collect() {
      this.set(conflationRatio(stats));
    },
  });
  new Gauge({
    name: 'exo_orders',
    help: 'Known orders by status.',
    labelNames: ['status'],
    registers: [registry],
    collect() {
      const counts = store.countByStatus();
      for (const status of ORD_STATUSES) this.set({ status }, counts.get(status) ?? 0);
    },
  });
  const fills = new Counter({
    name: 'exo_fills_total',
    help: 'Fills on child orders.',
    registers: [registry],
  });
  const duplicateFills = new Counter({
    name: 'exo_fills_duplicate_total',
    help: 'Fills delivered again (same venue and exec ID) and dropped.',
    registers: [registry],
  });
  const discrepancies = new Counter({
    name: 'exo_venue_discrepancies_total',
    help:
      'Disagreements with the venue found by recovery or live reports, by kind: missed_fill (recovered ' +
      'from the venue), synthetic_fill (booked for a cumQty the venue could not list), reused_exec_id, ' +
      'unmatched_fill, orphan_cancelled, discrepancy (left unexplained).',
    labelNames: ['kind'],
    registers: [registry],
  });
  const orphans = new Counter({
    name: 'exo_orphans_cancelled_total',
    help: "Open venue orders under exo's prefix that no live child knew, cancelled (by recovery or the orphan sweep).",
    registers: [registry],
  });
  const sweepFailures = new Counter({
    name: 'exo_orphan_sweep_failures_total',
    help: 'Orphan sweeps whose open-order listing failed (the next sweep asks again).',
    registers: [registry],
  });
  const { riskCounts } = sources;
  if (riskCounts !== undefined) {
    scrapedCountsByLabel(
      registry,
      'exo_risk_refusals_total',
      'Requests refused by the pre-trade risk checks, by rule.',
      'rule',
      () => riskCounts.refusals(),
    );
    scrapedCountsByLabel(
      registry,
      'exo_risk_delays_total',
      'Child requests the risk throttle delayed until the rate allowed them, by rule.',
      'rule',
      () => riskCounts.delays(),
    );
  }
  const tradingStates = new Gauge({
    name: 'exo_trading_state',
    help: 'Trading state by scope (global, or a symbol with a state of its own): 0 active, 1 reducing, 2 halted.',
    labelNames: ['scope'],
    registers: [registry],
  });
  tradingStates.set({ scope: 'global' }, 0);
  const stateChanges = new Counter({
    name: 'exo_trading_state_changes_total',
    help: 'Trading state changes put in force, by the state changed to (halted counts the halts).',
    labelNames: ['state'],
    registers: [registry],
  });
  const actions = new Histogram({
    name: 'exo_delegate_action_seconds',
    help:
      'How long delegate actions take: every asynchronous action (until it settles) and a sample of ' +
      'the synchronous ones (one in 64).',
    buckets: ACTION_BUCKETS,
    registers: [registry],
  });
  const cleanUps = new Counter({
    name: 'exo_delegate_cleanups_total',
    help: 'Delegates cleaned up at shutdown.',
    registers: [registry],
  });
  if (sources.riskUsage !== undefined) riskGauges(registry, sources.riskUsage);
  const unknown = sources.unknownChildren;
  if (sources.venue !== undefined) {
    registerVenueMetrics(registry, sources.venue.name, sources.venue.link);
  }
  new Gauge({
    name: 'exo_children_unknown',
    help:
      "Children whose pending request's outcome is unknown (no answer in time, or a venue error " +
      'that means maybe): never resent, waiting for a report or a status answer.',
    registers: [registry],
    collect() {
      this.set(unknown.count);
    },
  });
  return {
    registry,
    fill: () => fills.inc(),
    orderEvent: (event, order) => unknown.note(event, order),
    duplicateFill: () => duplicateFills.inc(),
    discrepancy: (kind) => {
      discrepancies.inc({ kind });
      if (kind === 'orphan_cancelled') orphans.inc();
    },
    orphanSweepFailed: () => sweepFailures.inc(),
    tradingState: (scope, state, changed) => {
      tradingStates.set({ scope }, TRADING_STATES.indexOf(state));
      if (changed) stateChanges.inc({ state });
    },
    actionSeconds: (seconds) => actions.observe(seconds),
    cleanedUp: () => cleanUps.inc(),
  };
}

/** A Prometheus counter that mirrors a number the engine keeps, read at scrape time. */
