import type pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { JournalFileError } from '../../src/journal/journal-errors.js';
import { loadShard } from '../../src/journal/postgres/pg-load.js';
import { connect, pgClient, pgTarget } from '../../src/journal/postgres/pg-target.js';
import { PostgresJournal } from '../../src/journal/postgres/postgres-journal.js';
import { pgReachable, usePgSchemas } from './backends.js';

// Loading a shard at open: every row, in sequence order across pages, whatever the planner's
// statistics (a fresh table, never analyzed, as here), and the planner setting it uses for the
// load left behind neither on success nor on failure.

const freshJournal = usePgSchemas();
const closing: pg.Client[] = [];
afterEach(async () => {
  for (const client of closing.splice(0)) await client.end();
});

/** Rows more than two pages of the load (10,000 rows each). */
const ROWS = 25_001;

async function filledClient(): Promise<{ client: pg.Client; schema: string }> {
  const { url } = freshJournal();
  await (await PostgresJournal.open(url)).close();
  const target = pgTarget(url);
  const client = await connect(pgClient(target, 'test'), target);
  closing.push(client);
  // Inserted newest first, so the table's physical order is not the sequence order.
  await client.query(
    `INSERT INTO ${target.schema}.journal
     SELECT 0, s, 1, 1000 + s, 'o' || (s % 97), 'instruction_accepted', 'k' || s,
            json_build_object('n', s, 'text', 'x' || s)::text
     FROM generate_series($1::bigint, 1, -1) AS s`,
    [ROWS],
  );
  return { client, schema: target.schema };
}

async function enableSort(client: pg.Client): Promise<string> {
  return (await client.query<{ enable_sort: string }>('SHOW enable_sort')).rows[0]!.enable_sort;
}

describe.skipIf(!pgReachable)('PostgreSQL shard load', () => {
  it('reads every row in sequence order across pages, bodies parsed', async () => {
    const { client, schema } = await filledClient();
    const loaded = await loadShard(client, schema, 0, 'test');
    expect(loaded.lastSequence).toBe(ROWS);
    expect(loaded.rows).toHaveLength(ROWS);
    loaded.rows.forEach((row, i) => {
      expect(row.sequence).toBe(i + 1);
    });
    expect(loaded.rows[12_345]).toEqual({
      sequence: 12_346,
      time: 13_346,
      orderId: `o${12_346 % 97}`,
      kind: 'instruction_accepted',
      idempotencyKey: 'k12346',
      body: { n: 12_346, text: 'x12346' },
    });
    expect(await enableSort(client)).toBe('on');
  });

  it('fails on a row it cannot read and leaves the client usable, its settings as they were', async () => {
    const { client, schema } = await filledClient();
    await client.query(`UPDATE ${schema}.journal SET kind = 'no_such_kind' WHERE sequence = 20000`);
    await expect(loadShard(client, schema, 0, 'test')).rejects.toThrow(JournalFileError);
    expect(await enableSort(client)).toBe('on');
    const writable = await client.query<{ ro: string }>(
      `SELECT current_setting('transaction_read_only') AS ro`,
    );
    expect(writable.rows[0]!.ro).toBe('off');
  });
});
