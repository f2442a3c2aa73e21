import type pg from 'pg';
import { prepareSchema } from '../../src/journal/postgres/pg-schema.js';
import { connect, pgClient, pgTarget } from '../../src/journal/postgres/pg-target.js';

/** A journal schema whose lease rows a test writes directly, as workers would. */
export interface LeaseRows {
  /**
   * Makes `owner` the holder of `shard` at `epoch`, serving at `address` (null: not serving
   * yet), its lease expiring `expiresInMs` from now by the database's clock (negative: expired).
   */
  set(
    shard: number,
    lease: { owner: string; epoch: number; address: string | null; expiresInMs?: number },
  ): Promise<void>;
  close(): Promise<void>;
}

/** Sets up a journal of `shardCount` shards in the URL's schema, for its lease rows to be written. */
export async function leaseRows(url: string, shardCount: number): Promise<LeaseRows> {
  const target = pgTarget(url);
  const client: pg.Client = await connect(pgClient(target, 'test'), target);
  await prepareSchema(client, target, shardCount);
  const s = target.schema;
  return {
    async set(shard, { owner, epoch, address, expiresInMs = 60_000 }) {
      await client.query(
        `INSERT INTO ${s}.journal_lease (shard, owner, epoch, expires, address)
         VALUES ($1, $2, $3, now() + make_interval(secs => $4::double precision / 1000), $5)
         ON CONFLICT (shard) DO UPDATE SET owner = $2, epoch = $3, expires = EXCLUDED.expires, address = $5`,
        [shard, owner, epoch, expiresInMs, address],
      );
    },
    close: () => client.end(),
  };
}
