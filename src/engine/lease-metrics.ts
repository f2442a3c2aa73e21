import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { LeaseStatus } from '../journal/postgres/postgres-journal.js';
import { scrapedCounter } from './scraped-counter.js';

/**
 * Adds a leased journal's figures (PostgreSQL) to the service's metrics, read when scraped: the
 * epoch it writes under, the headroom before its local deadline (negative once past: it is
 * fenced), and the appends refused as fenced, so an operator sees a lease about to be lost.
 */
export function registerLeaseMetrics(registry: Registry, status: () => LeaseStatus): void {
  const gauge = (name: string, help: string, read: (now: LeaseStatus) => number): void => {
    new Gauge({
      name,
      help,
      labelNames: ['shard'],
      registers: [registry],
      collect() {
        const now = status();
        this.set({ shard: String(now.shard) }, read(now));
      },
    });
  };
  gauge(
    'exo_journal_lease_epoch',
    'The epoch of the journal lease this process writes under.',
    (now) => now.epoch,
  );
  gauge(
    'exo_journal_lease_headroom_seconds',
    'Seconds before the local lease deadline; at or below 0 the journal is fenced.',
    (now) => now.headroomMs / 1000,
  );
  scrapedCounter(
    registry,
    'exo_journal_fenced_appends_total',
    'Journal appends refused because the lease was lost (another owner took the shard).',
    () => status().fencedAppends,
    { shard: String(status().shard) },
  );
}

/** Records one takeover: how long, from acquiring the lease to serving, in milliseconds. */
export type RecordTakeover = (durationMs: number) => void;

/** Takeover durations' bucket bounds, in seconds: a TTL of one to a few seconds plus recovery. */
const TAKEOVER_BUCKETS = [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60];

/**
 * Adds a standby's takeovers to the service's metrics: how many there were (0 or 1 per process:
 * a standby takes over once, then owns the shard) and how long each took, from acquiring the
 * lease to serving (replay from the latest snapshot and reconciliation with the venue), so an
 * operator sees what a failover costs beyond the lease's TTL.
 */
export function registerTakeoverMetrics(registry: Registry, shard: number): RecordTakeover {
  const labels = { shard: String(shard) };
  const takeovers = new Counter({
    name: 'exo_journal_takeovers_total',
    help: 'Leases this standby took over after another owner let them expire.',
    labelNames: ['shard'],
    registers: [registry],
  });
  const durations = new Histogram({
    name: 'exo_journal_takeover_seconds',
    help: 'Seconds from taking over the lease to serving: replay and venue reconciliation.',
    labelNames: ['shard'],
    buckets: TAKEOVER_BUCKETS,
    registers: [registry],
  });
  takeovers.inc(labels, 0);
  return (durationMs) => {
    takeovers.inc(labels);
    durations.observe(labels, durationMs / 1000);
  };
}
