import { Gauge, type Registry } from 'prom-client';
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
