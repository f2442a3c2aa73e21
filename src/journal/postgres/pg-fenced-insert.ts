import type pg from 'pg';
import { JournalFencedError } from '../journal-errors.js';
import type { AppendResult } from '../journal-row.js';
import type { PendingRow } from '../row-writer.js';
import type { Fence } from './pg-append.js';

/**
 * The fenced batch insert both append paths run (unnest and COPY): one statement locks the
 * lease row `FOR SHARE` only if it still holds this epoch and owner ($1 shard, $2 owner, $3
 * epoch) and inserts `rows` (a FROM item with the columns sequence, time, order_id, kind,
 * idempotency_key, body, in sequence order) only through that lock, skipping duplicate keys. The
 * lease count comes back apart from the rows written, so a skipped duplicate never reads as
 * fenced.
 */
export function fencedInsertSql(schema: string, rows: string): string {
  return `WITH lease AS (
      SELECT epoch FROM ${schema}.journal_lease
      WHERE shard = $1 AND owner = $2 AND epoch = $3 FOR SHARE
    ), written AS (
      INSERT INTO ${schema}.journal (shard, sequence, epoch, time, order_id, kind, idempotency_key, body)
      SELECT $1, r.sequence, lease.epoch, r.time, r.order_id, r.kind, r.idempotency_key, r.body
      FROM lease, ${rows}
      ORDER BY r.sequence
      ON CONFLICT (shard, idempotency_key) DO NOTHING
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM lease)::int AS leased, (SELECT count(*) FROM written)::int AS written`;
}

/**
 * Turns what a fenced batch insert saw into each row's result, the same for every append path
 * (unnest or COPY): no lease row means fenced (throws JournalFencedError; nothing was written);
 * otherwise a row the insert skipped is a duplicate idempotency key, reported with the sequence of
 * the row that holds the key (an earlier row, or an earlier one of the same batch).
 */
export async function appendResults(
  client: pg.Client,
  schema: string,
  rows: readonly PendingRow[],
  fence: Fence,
  outcome: { readonly leased: boolean; readonly written: number },
): Promise<AppendResult[]> {
  if (!outcome.leased) throw fencedError(fence);
  if (outcome.written === rows.length)
    return rows.map((row) => ({ sequence: row.sequence, duplicate: false }));
  const holders = await client.query<{ idempotency_key: string; sequence: number }>(
    `SELECT idempotency_key, sequence FROM ${schema}.journal
      WHERE shard = $1 AND idempotency_key = ANY($2::text[])`,
    [fence.shard, rows.map((row) => row.idempotencyKey)],
  );
  const holderOf = new Map(holders.rows.map((row) => [row.idempotency_key, row.sequence]));
  return rows.map((row) => {
    const holder = holderOf.get(row.idempotencyKey) ?? row.sequence;
    return { sequence: holder, duplicate: holder !== row.sequence };
  });
}

/** The error of an append refused because `fence` no longer holds the shard's lease. */
export function fencedError(fence: Fence): JournalFencedError {
  return new JournalFencedError(
    `shard ${fence.shard} is no longer leased at epoch ${fence.epoch} by ${fence.owner}`,
  );
}
