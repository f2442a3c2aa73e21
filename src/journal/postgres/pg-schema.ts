import type pg from 'pg';
import { JournalFileError } from '../journal-errors.js';
import type { PgTarget } from './pg-target.js';

/** The schema version this code writes and reads, stored in `journal_meta`. */
export const PG_SCHEMA_VERSION = 1;

/** The tables of one journal schema; `shard` is 0 for now (one shard holds every symbol). */
function tables(s: string): string {
  return `
  CREATE TABLE ${s}.journal_meta (key text PRIMARY KEY, value bigint NOT NULL);
  CREATE TABLE ${s}.journal_lease (
    shard integer PRIMARY KEY,
    owner text NOT NULL,
    epoch bigint NOT NULL,
    expires timestamptz NOT NULL,
    high_water bigint NOT NULL DEFAULT 0
  );
  CREATE TABLE ${s}.journal (
    shard integer NOT NULL,
    sequence bigint NOT NULL,
    epoch bigint NOT NULL,
    time bigint NOT NULL,
    order_id text NOT NULL,
    kind text NOT NULL,
    idempotency_key text NOT NULL,
    body text NOT NULL,
    PRIMARY KEY (shard, sequence),
    UNIQUE (shard, idempotency_key)
  );
  CREATE INDEX journal_completions ON ${s}.journal (shard, time) WHERE kind = 'order_completed';
  CREATE TABLE ${s}.snapshots (
    id bigserial PRIMARY KEY,
    shard integer NOT NULL,
    covers_sequence bigint NOT NULL,
    time bigint NOT NULL,
    order_count integer NOT NULL,
    complete boolean NOT NULL DEFAULT false
  );
  CREATE TABLE ${s}.snapshot_orders (
    snapshot_id bigint NOT NULL,
    order_id text NOT NULL,
    body text NOT NULL,
    PRIMARY KEY (snapshot_id, order_id)
  );
  INSERT INTO ${s}.journal_meta (key, value) VALUES ('schema_version', ${PG_SCHEMA_VERSION});`;
}

/**
 * Makes sure `target.schema` holds a journal of this code's schema version: creates it when the
 * schema has no journal yet (under an advisory lock, so two starting processes do not both try),
 * refuses any other version with a JournalFileError naming both, and refuses a server that
 * acknowledges commits before they are durable (`synchronous_commit` off or `local`) unless the
 * URL accepts it (`allow_async_commit=true`). Returns the warning to print loudly in that case.
 */
export async function prepareSchema(
  client: pg.Client,
  target: PgTarget,
): Promise<string | undefined> {
  const s = target.schema;
  const sync = (
    await client.query<{ value: string }>(`SELECT current_setting('synchronous_commit') AS value`)
  ).rows[0]!.value;
  let warning: string | undefined;
  if (sync === 'off' || sync === 'local') {
    const message = `synchronous_commit is ${sync}: a commit is acknowledged before it is durable, so an order acknowledged by exo can be lost in a crash of the database`;
    if (!target.allowAsyncCommit) {
      throw new JournalFileError(
        target.display,
        `${message} (set it to on, or add allow_async_commit=true to the URL to accept that)`,
      );
    }
    warning = `WARNING: ${message} (accepted by allow_async_commit=true)`;
  }
  await client.query('BEGIN');
  try {
    await client.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`exo-journal:${s}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
    const exists = await client.query<{ found: string | null }>(`SELECT to_regclass($1) AS found`, [
      `${s}.journal_meta`,
    ]);
    if (exists.rows[0]!.found === null) {
      await client.query(tables(s));
    } else {
      const version = await client.query<{ value: number }>(
        `SELECT value FROM ${s}.journal_meta WHERE key = 'schema_version'`,
      );
      const found = version.rows[0]?.value;
      if (found !== PG_SCHEMA_VERSION) {
        throw new JournalFileError(
          target.display,
          `schema ${s} holds journal schema version ${found ?? 'none'}; this exo reads only version ${PG_SCHEMA_VERSION}`,
        );
      }
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
  return warning;
}
