import { setImmediate as nextTurn } from 'node:timers/promises';
import type pg from 'pg';
import type { PruneBound, PruneResult } from '../retention.js';
import { type Fence, fencedTransaction } from './pg-append.js';

/** What a pruning pass removed, and whose rows, so the journal's in-memory rows follow. */
export interface PgPruned extends PruneResult {
  readonly orderIds: ReadonlySet<string>;
}

/**
 * Deletes the rows of orders completed before the bound, as SQLite's RetentionPruner does: a
 * walk over the journal in sequence ranges of `chunkSize` rows deleting their activity, then
 * their `order_completed` rows last, so a pass cut short leaves every order whole or still
 * completed. Each transaction is fenced. It first raises the lease row's `high_water` to
 * `lastSequence`, so no sequence is reused after the rows holding the highest ones are gone.
 */
export async function prunePg(
  client: pg.Client,
  schema: string,
  fence: () => Fence,
  bound: PruneBound & { readonly lastSequence: number },
  chunkSize: number,
): Promise<PgPruned> {
  const { shard } = fence();
  const inTransaction = <T>(work: () => Promise<T>): Promise<T> =>
    fencedTransaction(client, schema, fence(), work);
  const candidates = await inTransaction(async () => {
    await client.query(
      `UPDATE ${schema}.journal_lease SET high_water = greatest(high_water, $2) WHERE shard = $1`,
      [shard, bound.lastSequence],
    );
    const found = await client.query<{ order_id: string }>(
      `SELECT DISTINCT order_id FROM ${schema}.journal
       WHERE shard = $1 AND kind = 'order_completed' AND time < $2 AND sequence <= $3`,
      [shard, bound.cutoff, bound.maxSequence],
    );
    return found.rows.map((row) => row.order_id);
  });
  const orderIds = new Set(candidates);
  if (candidates.length === 0) return { rows: 0, orders: 0, orderIds };
  let rows = 0;
  for (let from = 0; from < Number.MAX_SAFE_INTEGER; ) {
    await nextTurn();
    const end = await client.query<{ sequence: number }>(
      `SELECT sequence FROM ${schema}.journal WHERE shard = $1 AND sequence >= $2
       ORDER BY sequence LIMIT 1 OFFSET $3`,
      [shard, from, chunkSize],
    );
    const to = end.rows[0]?.sequence ?? Number.MAX_SAFE_INTEGER;
    rows += await inTransaction(async () => {
      const deleted = await client.query(
        `DELETE FROM ${schema}.journal WHERE shard = $1 AND sequence >= $2 AND sequence < $3
           AND kind <> 'order_completed' AND order_id = ANY($4::text[])`,
        [shard, from, to, candidates],
      );
      return deleted.rowCount ?? 0;
    });
    from = to;
  }
  for (;;) {
    await nextTurn();
    const deleted = await inTransaction(async () => {
      const result = await client.query(
        `DELETE FROM ${schema}.journal WHERE shard = $1 AND sequence IN
           (SELECT sequence FROM ${schema}.journal WHERE shard = $1 AND kind = 'order_completed'
              AND order_id = ANY($2::text[]) LIMIT $3)`,
        [shard, candidates, chunkSize],
      );
      return result.rowCount ?? 0;
    });
    rows += deleted;
    if (deleted < chunkSize) break;
  }
  return { rows, orders: candidates.length, orderIds };
}
