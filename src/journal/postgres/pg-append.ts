import type pg from 'pg';
import { JournalFencedError } from '../journal-errors.js';
import type { AppendResult } from '../journal-row.js';
import type { PendingRow } from '../row-writer.js';

/** Whose lease a write runs under: a write under any other epoch or owner is refused. */
export interface Fence {
  readonly shard: number;
  readonly owner: string;
  readonly epoch: number;
}

/**
 * The fenced batch append: one statement locks the lease row `FOR SHARE` only if it still
 * holds this epoch and owner, and inserts every row with `unnest` only through that lock. No
 * lease row means fenced (nothing written); a skipped row is a duplicate idempotency key, told
 * apart from fencing because the lease count comes back separately.
 */
export class PgAppender {
  readonly #client: pg.Client;
  readonly #insert: string;
  readonly #holders: string;

  constructor(client: pg.Client, schema: string) {
    this.#client = client;
    this.#insert = `WITH lease AS (
        SELECT epoch FROM ${schema}.journal_lease
        WHERE shard = $1 AND owner = $2 AND epoch = $3 FOR SHARE
      ), written AS (
        INSERT INTO ${schema}.journal (shard, sequence, epoch, time, order_id, kind, idempotency_key, body)
        SELECT $1, r.sequence, lease.epoch, r.time, r.order_id, r.kind, r.idempotency_key, r.body
        FROM lease, unnest($4::bigint[], $5::bigint[], $6::text[], $7::text[], $8::text[], $9::text[])
          AS r(sequence, time, order_id, kind, idempotency_key, body)
        ON CONFLICT (shard, idempotency_key) DO NOTHING
        RETURNING 1
      )
      SELECT (SELECT count(*) FROM lease)::int AS leased, (SELECT count(*) FROM written)::int AS written`;
    this.#holders = `SELECT idempotency_key, sequence FROM ${schema}.journal
      WHERE shard = $1 AND idempotency_key = ANY($2::text[])`;
  }

  /** Writes `rows` (in sequence order, at least one) under `fence`; throws JournalFencedError. */
  async write(rows: readonly PendingRow[], fence: Fence): Promise<AppendResult[]> {
    const result = await this.#client.query<{ leased: number; written: number }>(this.#insert, [
      fence.shard,
      fence.owner,
      fence.epoch,
      rows.map((row) => row.sequence),
      rows.map((row) => row.time),
      rows.map((row) => row.orderId),
      rows.map((row) => row.kind),
      rows.map((row) => row.idempotencyKey),
      rows.map((row) => row.body),
    ]);
    const { leased, written } = result.rows[0]!;
    if (leased === 0) {
      throw new JournalFencedError(
        `shard ${fence.shard} is no longer leased at epoch ${fence.epoch} by ${fence.owner}`,
      );
    }
    if (written === rows.length)
      return rows.map((row) => ({ sequence: row.sequence, duplicate: false }));
    const holders = await this.#client.query<{ idempotency_key: string; sequence: number }>(
      this.#holders,
      [fence.shard, rows.map((row) => row.idempotencyKey)],
    );
    const holderOf = new Map(holders.rows.map((row) => [row.idempotency_key, row.sequence]));
    return rows.map((row) => {
      const holder = holderOf.get(row.idempotencyKey) ?? row.sequence;
      return { sequence: holder, duplicate: holder !== row.sequence };
    });
  }
}

/**
 * Runs `work` in one transaction on `client` that first locks the lease row `FOR SHARE` under
 * `fence`: a background write (snapshot chunk, pruning pass) commits only while the lease holds.
 */
export async function fencedTransaction<T>(
  client: pg.Client,
  schema: string,
  fence: Fence,
  work: () => Promise<T>,
): Promise<T> {
  await client.query('BEGIN');
  try {
    const lease = await client.query(
      `SELECT 1 FROM ${schema}.journal_lease WHERE shard = $1 AND owner = $2 AND epoch = $3 FOR SHARE`,
      [fence.shard, fence.owner, fence.epoch],
    );
    if (lease.rowCount !== 1) {
      throw new JournalFencedError(
        `shard ${fence.shard} is no longer leased at epoch ${fence.epoch}`,
      );
    }
    const result = await work();
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
