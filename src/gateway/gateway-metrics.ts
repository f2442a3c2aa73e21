import { Counter, collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import { scrapedCounter } from '../engine/scraped-counter.js';
import type { LeaseTable } from './lease-table.js';

/** The gateway's Prometheus metrics: what it forwarded, what it refused, what it sees. */
export interface GatewayMetrics {
  readonly registry: Registry;
  /** Instructions forwarded, by shard and the status the client got. */
  readonly forwards: Counter<'shard' | 'status'>;
  /** 503 `shard_unavailable` answers, by shard. */
  readonly unavailable: Counter<'shard'>;
  /** Events re-emitted on the gateway's stream, by shard. */
  readonly events: Counter<'shard'>;
}

/**
 * The gateway's metrics registry: process defaults, forwards by shard and status, 503s answered,
 * events merged, and, read from the lease table when scraped, its refreshes and the shards with
 * a live owner.
 */
export function gatewayMetrics(table: LeaseTable): GatewayMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  new Gauge({
    name: 'exo_gateway_live_shards',
    help: 'Shards with a live owner in the lease table.',
    registers,
    collect() {
      this.set(table.owners().length);
    },
  });
  new Gauge({
    name: 'exo_gateway_shards',
    help: "The journal's shard count.",
    registers,
    collect() {
      this.set(table.shardCount);
    },
  });
  scrapedCounter(
    registry,
    'exo_gateway_lease_refreshes_total',
    'Reads of the lease table.',
    () => table.refreshes,
  );
  return {
    registry,
    forwards: new Counter({
      name: 'exo_gateway_forwards_total',
      help: 'Instructions forwarded to shard owners, by shard and the status answered.',
      labelNames: ['shard', 'status'],
      registers,
    }),
    unavailable: new Counter({
      name: 'exo_gateway_shard_unavailable_total',
      help: '503 shard_unavailable answers (no live owner, owner unreachable or unavailable), by shard.',
      labelNames: ['shard'],
      registers,
    }),
    events: new Counter({
      name: 'exo_gateway_events_total',
      help: "Events re-emitted on the gateway's stream, by the shard they came from.",
      labelNames: ['shard'],
      registers,
    }),
  };
}
