import type pg from 'pg';
import { decodeStoredRow, type StoredRow } from '../journal-reader.js';
import type { JournalRow } from '../journal-row.js';
import type { JournalSnapshot } from '../journal-snapshot.js';
import { parseBody } from '../json-body.js';

/** Rows fetched per query while loading. */
const PAGE_SIZE = 10_000;

/** What a PostgreSQL journal reads at open, under its lease, for `readFrom` and `latestSnapshot`. */
export interface LoadedShard {
  /** The highest sequence ever assigned in the shard, pruned rows included. */
  readonly lastSequence: number;
  readonly rows: JournalRow[];
  readonly snapshot: JournalSnapshot | undefined;
}

/** Reads a shard's retained rows (oldest first), its last sequence and newest complete snapshot. */
export async function loadShard(
  client: pg.Client,
  schema: string,
  shard: number,
  path: string,
): Promise<LoadedShard> {
  const last = await client.query<{ last: number }>(
    `SELECT greatest(
       (SELECT coalesce(max(sequence), 0) FROM ${schema}.journal WHERE shard = $1),
       (SELECT coalesce(max(high_water), 0) FROM ${schema}.journal_lease WHERE shard = $1)
     )::bigint AS last`,
    [shard],
  );
  const rows = await loadRows(client, schema, shard, path);
  return {
    lastSequence: last.rows[0]!.last,
    rows,
    snapshot: await latestSnapshot(client, schema, shard),
  };
}

/**
 * The shard's retained rows, oldest first, read `PAGE_SIZE` at a time along the primary key
 * (shard, sequence), in a read-only transaction of their own on `client` that sets
 * `enable_sort = off` for itself only: the planner then walks the index whatever it makes of the
 * table's statistics. Without it, with statistics stale or never gathered (autovacuum behind or
 * off), it guessed a few hundred rows and each page sorted every row after it, on disk: about
 * three times the query time at 100k rows, and quadratic in the rows.
 */
async function loadRows(
  client: pg.Client,
  schema: string,
  shard: number,
  path: string,
): Promise<JournalRow[]> {
  const rows: JournalRow[] = [];
  await client.query('BEGIN READ ONLY');
  try {
    await client.query('SET LOCAL enable_sort = off');
    for (let next = 0; ; ) {
      const page = await client.query<StoredRow>(
        `SELECT sequence, time, order_id, kind, idempotency_key, body FROM ${schema}.journal
         WHERE shard = $1 AND sequence >= $2 ORDER BY sequence LIMIT $3`,
        [shard, next, PAGE_SIZE],
      );
      for (const stored of page.rows) rows.push(decodeStoredRow(path, stored));
      if (page.rows.length < PAGE_SIZE) break;
      next = page.rows[page.rows.length - 1]!.sequence + 1;
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
  return rows;
}

/** The shard's newest complete snapshot, with its orders in order-ID order. */
export async function latestSnapshot(
  client: pg.Client,
  schema: string,
  shard: number,
): Promise<JournalSnapshot | undefined> {
  const header = await client.query<{ id: number; covers_sequence: number; time: number }>(
    `SELECT id, covers_sequence, time FROM ${schema}.snapshots
     WHERE shard = $1 AND complete ORDER BY id DESC LIMIT 1`,
    [shard],
  );
  const found = header.rows[0];
  if (found === undefined) return undefined;
  const orders = await client.query<{ order_id: string; body: string }>(
    `SELECT order_id, body FROM ${schema}.snapshot_orders WHERE snapshot_id = $1 ORDER BY order_id COLLATE "C"`,
    [found.id],
  );
  return {
    id: found.id,
    coversSequence: found.covers_sequence,
    time: found.time,
    orders: orders.rows.map((row) => ({ orderId: row.order_id, body: parseBody(row.body) })),
  };
}
