import type pg from 'pg';
import { JournalFencedError } from '../journal-errors.js';
import type { AppendResult } from '../journal-row.js';
import type { PendingRow } from '../row-writer.js';
import type { Fence } from './pg-append.js';

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
