import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach } from 'vitest';
import { type RunningGateway, startGateway } from '../../src/gateway/start-gateway.js';
import { REDACTED_PATHS } from '../../src/server/logger.js';
import { shardOf } from '../../src/shards/shard-of.js';
import { usePgSchemas } from '../journal/backends.js';
import { FakeOwner } from './fake-owner.js';
import { type LeaseRows, leaseRows } from './lease-rows.js';

/** A gateway in front of fake owners, one per shard, registered in a fresh schema's lease table. */
export interface Cluster {
  readonly gateway: RunningGateway;
  readonly owners: FakeOwner[];
  readonly leases: LeaseRows;
  /** Everything the gateway logged. */
  readonly log: () => string;
  /** A fetch of the gateway's `path`. */
  call(path: string, init?: RequestInit): Promise<Response>;
}

/** A symbol of `shard` among `count` shards. */
export function symbolOf(shard: number, count: number): string {
  for (let i = 0; ; i++) if (shardOf(`SYM${i}`, count) === shard) return `SYM${i}`;
}

/** How many events of `shard` the gateway re-emitted (its metric), the shard's hello included. */
export async function eventsFrom(cluster: Cluster, shard: number): Promise<number> {
  const text = await (await cluster.call('/metrics')).text();
  const match = new RegExp(`^exo_gateway_events_total\\{shard="${shard}"\\} (\\d+)$`, 'm').exec(
    text,
  );
  return match === null ? 0 : Number(match[1]);
}

/** Waits until `check` holds, polling, failing after `ms`. */
export async function until(check: () => boolean | Promise<boolean>, ms = 3_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Starts clusters for tests, each stopped after its test: `count` shards, an owner serving each
 * (epoch 1) unless `serving` names fewer, and a gateway reading the lease table every 50 ms.
 */
export function useClusters(): (
  count: number,
  options?: { serving?: readonly number[]; token?: string; refreshMs?: number },
) => Promise<Cluster> {
  const freshUrl = usePgSchemas();
  const stops: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const stop of stops.splice(0).reverse()) await stop();
  });
  return async (count, options = {}) => {
    const { url } = freshUrl();
    const leases = await leaseRows(url, count);
    stops.push(() => leases.close());
    const owners = await Promise.all(
      Array.from({ length: count }, (_, shard) => new FakeOwner(shard).start()),
    );
    stops.push(async () => {
      for (const owner of owners) await owner.close();
    });
    for (const shard of options.serving ?? owners.map((owner) => owner.shard)) {
      await leases.set(shard, { owner: `w${shard}`, epoch: 1, address: owners[shard]!.url });
    }
    let text = '';
    const sink = new Writable({
      write(chunk, _encoding, done) {
        text += String(chunk);
        done();
      },
    });
    const logger = pino({ level: 'debug', redact: { paths: REDACTED_PATHS } }, sink);
    const gateway = await startGateway(
      {
        journal: url,
        host: '127.0.0.1',
        port: 0,
        refreshMs: options.refreshMs ?? 50,
        ...(options.token === undefined ? {} : { token: options.token }),
      },
      logger,
    );
    stops.push(() => gateway.close());
    return {
      gateway,
      owners,
      leases,
      log: () => text,
      call: (path, init) => fetch(`${gateway.url}${path}`, init),
    };
  };
}
