import { prepareSchema } from '../journal/postgres/pg-schema.js';
import { connect, pgClient, pgTarget } from '../journal/postgres/pg-target.js';

/**
 * Sets up the worker's PostgreSQL journal for `shardCount` shards once, before its shards start:
 * made when new, refused (JournalFileError naming both counts) when set up for another count. The
 * shards then open a journal that is ready, rather than all setting it up at once while the first
 * of them already holds a lease it must keep renewing.
 */
export async function prepareShardedJournal(url: string, shardCount: number): Promise<void> {
  const target = pgTarget(url);
  const client = await connect(pgClient(target, 'setup'), target);
  try {
    await prepareSchema(client, target, shardCount);
  } finally {
    await client.end().catch(() => undefined);
  }
}
