import type pg from 'pg';
import { JournalFileError } from '../journal-errors.js';
import type { PgTarget } from './pg-target.js';

/** The schema version this code writes and reads, stored in `journal_meta`. */
export const PG_SCHEMA_VERSION = 2;

/**
 * The tables of one journal schema. A lease row's `address` is where its owner serves the shard
 * (set once it serves, cleared when it stops), which the gateway forwards to; `journal_meta`'s
 * `shard_count` is fixed when the schema is made.
 */
function tables(s: string, shardCount: number): string {
  return `
  CREATE TABLE ${s}.journal_meta (key text PRIMARY KEY, value bigint NOT NULL);
  CREATE TABLE ${s}.journal_lease (
    shard integer PRIMARY KEY,
    owner text NOT NULL,
    epoch bigint NOT NULL,
    expires timestamptz NOT NULL,
    high_water bigint NOT NULL DEFAULT 0,
    address text
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
  INSERT INTO ${s}.journal_meta (key, value)
    VALUES ('schema_version', ${PG_SCHEMA_VERSION}), ('shard_count', ${shardCount});`;
}

/**
 * Makes sure `target.schema` holds a journal of this code's schema version set up for
 * `shardCount` shards: creates it when the schema has no journal yet (under an advisory lock, so
 * two starting processes do not both try), upgrades a version 1 journal (one shard, no lease
 * addresses) in place, refuses any other version, or another shard count, with a
 * JournalFileError naming both, and refuses a server that
 * acknowledges commits before they are durable (`synchronous_commit` off or `local`) unless the
 * URL accepts it (`allow_async_commit=true`). Returns the warning to print loudly in that case.
 */
export async function prepareSchema(
  client: pg.Client,
  target: PgTarget,
  shardCount: number,
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
      await client.query(tables(s, shardCount));
    } else {
      const found = await metaValue(client, s, 'schema_version');
      if (found === 1) await upgradeFromVersion1(client, s);
      else if (found !== PG_SCHEMA_VERSION) {
        throw new JournalFileError(
          target.display,
          `schema ${s} holds journal schema version ${found ?? 'none'}; this exo reads only version ${PG_SCHEMA_VERSION}`,
        );
      }
      const count = await metaValue(client, s, 'shard_count');
      if (count !== shardCount) {
        throw new JournalFileError(
          target.display,
          `schema ${s} is set up for ${count} shard${count === 1 ? '' : 's'}; this exo was started for ${shardCount}`,
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

/** A number `journal_meta` holds under `key`, if any. */
async function metaValue(client: pg.Client, s: string, key: string): Promise<number | undefined> {
  const found = await client.query<{ value: string }>(
    `SELECT value FROM ${s}.journal_meta WHERE key = $1`,
    [key],
  );
  const value = found.rows[0]?.value;
  return value === undefined ? undefined : Number(value);
}

/** Version 1 had one shard and no lease addresses: both are added, nothing else changes. */
async function upgradeFromVersion1(client: pg.Client, s: string): Promise<void> {
  await client.query(`ALTER TABLE ${s}.journal_lease ADD COLUMN address text`);
  await client.query(
    `UPDATE ${s}.journal_meta SET value = ${PG_SCHEMA_VERSION} WHERE key = 'schema_version'`,
  );
  await client.query(`INSERT INTO ${s}.journal_meta (key, value) VALUES ('shard_count', 1)`);
}
