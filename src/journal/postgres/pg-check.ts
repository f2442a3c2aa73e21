import type pg from 'pg';
import type { JournalCheckReport } from '../check-journal.js';
import type { LineWriter } from '../export-journal.js';
import { JournalFileError } from '../journal-errors.js';
import { ENGINE_KINDS } from '../journal-kind.js';
import { decodeStoredRow, type StoredRow } from '../journal-reader.js';
import { PG_SCHEMA_VERSION } from './pg-schema.js';
import { connect, type PgTarget, pgClient, pgTarget } from './pg-target.js';

const PAGE_SIZE = 1_000;

/**
 * `exo journal check` on a PostgreSQL journal: the same report as for a SQLite file, of one shard
 * (0 by default), read without changing anything and without taking the lease, so it works
 * beside a running exo.
 * `integrity` is `ok` once the schema is a journal of this version (PostgreSQL keeps its own
 * pages consistent). Throws JournalFileError naming the database (password masked) and why.
 */
export async function checkPgJournal(url: string, shard = 0): Promise<JournalCheckReport> {
  return withJournal(url, async (client, target) => {
    const s = target.schema;
    const one = async (sql: string): Promise<number | undefined> =>
      (await client.query<{ value: number | null }>(sql, [shard])).rows[0]?.value ?? undefined;
    const kinds: Record<string, number> = {};
    const perKind = await client.query<{ kind: string; rows: number }>(
      `SELECT kind, count(*)::bigint AS rows FROM ${s}.journal WHERE shard = $1
       GROUP BY kind ORDER BY kind COLLATE "C"`,
      [shard],
    );
    for (const { kind, rows } of perKind.rows) kinds[kind] = rows;
    const orderRows = `shard = $1 AND kind NOT IN (${ENGINE_KINDS.map((k) => `'${k}'`).join(', ')})`;
    const complete =
      (await one(
        `SELECT count(*)::bigint AS value FROM ${s}.snapshots WHERE shard = $1 AND complete`,
      )) ?? 0;
    return {
      path: target.display,
      schemaVersion: PG_SCHEMA_VERSION,
      integrity: 'ok',
      rows: (await one(`SELECT count(*)::bigint AS value FROM ${s}.journal WHERE shard = $1`)) ?? 0,
      firstSequence: await one(`SELECT min(sequence) AS value FROM ${s}.journal WHERE shard = $1`),
      lastSequence:
        (await one(`SELECT greatest(
          (SELECT max(sequence) FROM ${s}.journal WHERE shard = $1),
          (SELECT max(high_water) FROM ${s}.journal_lease WHERE shard = $1), 0) AS value`)) ?? 0,
      kinds,
      orders:
        (await one(
          `SELECT count(DISTINCT order_id)::bigint AS value FROM ${s}.journal WHERE ${orderRows}`,
        )) ?? 0,
      liveOrders:
        (await one(`SELECT count(DISTINCT order_id)::bigint AS value FROM ${s}.journal WHERE ${orderRows}
          AND order_id NOT IN (SELECT order_id FROM ${s}.journal WHERE shard = $1 AND kind = 'order_completed')`)) ??
        0,
      completeSnapshots: complete,
      incompleteSnapshots:
        ((await one(`SELECT count(*)::bigint AS value FROM ${s}.snapshots WHERE shard = $1`)) ??
          0) - complete,
      latestSnapshotCovers: await one(
        `SELECT covers_sequence AS value FROM ${s}.snapshots WHERE shard = $1 AND complete ORDER BY id DESC LIMIT 1`,
      ),
    };
  });
}

/** `exo journal export` on a PostgreSQL journal: every row of one shard as a JSON line, oldest first. */
export async function exportPgJournal(url: string, write: LineWriter, shard = 0): Promise<number> {
  return withJournal(url, async (client, target) => {
    let rows = 0;
    for (let next = 0; ; ) {
      const page = await client.query<StoredRow>(
        `SELECT sequence, time, order_id, kind, idempotency_key, body FROM ${target.schema}.journal
         WHERE shard = $1 AND sequence >= $2 ORDER BY sequence LIMIT $3`,
        [shard, next, PAGE_SIZE],
      );
      for (const stored of page.rows) {
        await write(`${JSON.stringify(decodeStoredRow(target.display, stored))}\n`);
        rows++;
      }
      if (page.rows.length < PAGE_SIZE) return rows;
      next = page.rows[page.rows.length - 1]!.sequence + 1;
    }
  });
}

/** Runs `read` on a read-only connection to a journal of this schema version, then closes it. */
async function withJournal<T>(
  url: string,
  read: (client: pg.Client, target: PgTarget) => Promise<T>,
): Promise<T> {
  const target = pgTarget(url);
  const client = pgClient(target, 'check');
  try {
    await connect(client, target);
    await client.query('SET default_transaction_read_only = on');
    const meta = await client.query<{ found: string | null }>('SELECT to_regclass($1) AS found', [
      `${target.schema}.journal_meta`,
    ]);
    if (meta.rows[0]!.found === null) {
      throw new JournalFileError(target.display, `no exo journal in schema ${target.schema}`);
    }
    const version = await client.query<{ value: number }>(
      `SELECT value FROM ${target.schema}.journal_meta WHERE key = 'schema_version'`,
    );
    if (version.rows[0]?.value !== PG_SCHEMA_VERSION) {
      throw new JournalFileError(
        target.display,
        `journal schema version ${version.rows[0]?.value ?? 'none'}; this exo reads only version ${PG_SCHEMA_VERSION}`,
      );
    }
    return await read(client, target);
  } finally {
    await client.end().catch(() => undefined);
  }
}
