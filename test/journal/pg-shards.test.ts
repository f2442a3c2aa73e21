import { Writable } from 'node:stream';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { runJournalCommand } from '../../src/cli/journal-command.js';
import { VirtualClock } from '../../src/core/clock.js';
import { JournalFileError } from '../../src/journal/journal-errors.js';
import {
  PostgresJournal,
  type PostgresJournalOptions,
} from '../../src/journal/postgres/postgres-journal.js';
import { PG_TEST_URL, pgReachable, usePgSchemas } from './backends.js';
import { entry } from './helpers.js';

const freshJournal = usePgSchemas();
const opened: PostgresJournal[] = [];
afterEach(async () => {
  for (const journal of opened.splice(0)) await journal.close();
});

async function open(
  url: string,
  index: number,
  count: number,
  options: PostgresJournalOptions = {},
): Promise<PostgresJournal> {
  const journal = await PostgresJournal.open(url, {
    shard: { index, count },
    leaseTtlMs: 400,
    ...options,
  });
  opened.push(journal);
  return journal;
}

async function query<T extends pg.QueryResultRow>(text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: PG_TEST_URL });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

describe.skipIf(!pgReachable)('PostgreSQL journal shards', () => {
  it('keeps each shard its own lease, rows and sequence', async () => {
    const { url, schema } = freshJournal();
    const a = await open(url, 0, 4);
    const b = await open(url, 3, 4);
    await a.append(entry('o1'));
    await b.append(entry('o2'));
    await b.append(entry('o3'));
    expect(a.leaseStatus().shard).toBe(0);
    expect(b.leaseStatus().shard).toBe(3);
    const rows = await query<{ shard: number; sequence: string; order_id: string }>(
      `SELECT shard, sequence, order_id FROM ${schema}.journal ORDER BY shard, sequence`,
    );
    expect(rows.map((r) => [r.shard, Number(r.sequence), r.order_id])).toEqual([
      [0, 1, 'o1'],
      [3, 1, 'o2'],
      [3, 2, 'o3'],
    ]);
  });

  it('refuses a start for another shard count, naming both', async () => {
    const { url } = freshJournal();
    await (await open(url, 0, 4)).close();
    const error = await PostgresJournal.open(url, { shard: { index: 0, count: 16 } }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(JournalFileError);
    expect((error as Error).message).toMatch(/set up for 4 shards; this exo was started for 16/);
    const single = await PostgresJournal.open(url).catch((e: unknown) => e);
    expect((single as Error).message).toMatch(/set up for 4 shards; this exo was started for 1/);
  });

  it('upgrades a version 1 journal in place: one shard, its rows kept', async () => {
    const { url, schema } = freshJournal();
    const first = await PostgresJournal.open(url);
    await first.append(entry('kept'));
    await first.close();
    await query(`ALTER TABLE ${schema}.journal_lease DROP COLUMN address`);
    await query(`DELETE FROM ${schema}.journal_meta WHERE key = 'shard_count'`);
    await query(`UPDATE ${schema}.journal_meta SET value = 1 WHERE key = 'schema_version'`);
    const again = await PostgresJournal.open(url);
    opened.push(again);
    expect([...again.readFrom(1)].map((row) => row.orderId)).toEqual(['kept']);
    const meta = await query<{ key: string; value: string }>(
      `SELECT key, value FROM ${schema}.journal_meta ORDER BY key`,
    );
    expect(meta.map((m) => [m.key, Number(m.value)])).toEqual([
      ['schema_version', 2],
      ['shard_count', 1],
    ]);
  });

  it('advertises the owner address; a release or a takeover clears it', async () => {
    const { url, schema } = freshJournal();
    const address = async (): Promise<string | null> =>
      (await query<{ address: string | null }>(`SELECT address FROM ${schema}.journal_lease`))[0]!
        .address;
    const journal = await open(url, 1, 2);
    expect(await address()).toBeNull();
    await expect(journal.advertise('http://127.0.0.1:4001')).resolves.toBe(true);
    expect(await address()).toBe('http://127.0.0.1:4001');
    await journal.close();
    expect(await address()).toBeNull();
    // Its renewals run on a clock that never moves: it falls silent, and its lease expires.
    const next = await open(url, 1, 2, { leaseTimers: new VirtualClock(0) });
    await next.advertise('http://127.0.0.1:4002');
    // A takeover of an expired lease clears the old owner's address at once.
    await query(`UPDATE ${schema}.journal_lease SET expires = '-infinity'`);
    await open(url, 1, 2);
    expect(await address()).toBeNull();
    await expect(next.advertise('http://127.0.0.1:4002')).resolves.toBe(false);
  });

  it('is checked and exported one shard at a time by exo journal --shard', async () => {
    const { url } = freshJournal();
    const a = await open(url, 0, 4);
    const b = await open(url, 3, 4);
    await a.append(entry('o1'));
    await b.append(entry('o2'));
    await b.append(entry('o3'));
    const run = async (...argv: string[]) => {
      let stdout = '';
      let stderr = '';
      const status = await runJournalCommand(argv, {
        stdout: new Writable({
          write: (chunk, _encoding, done) => {
            stdout += chunk;
            done();
          },
        }),
        stderr: new Writable({
          write: (chunk, _encoding, done) => {
            stderr += chunk;
            done();
          },
        }),
      });
      return { status, stdout, stderr };
    };
    expect(JSON.parse((await run('check', url)).stdout)).toMatchObject({ rows: 1, orders: 1 });
    expect(JSON.parse((await run('check', url, '--shard', '3')).stdout)).toMatchObject({
      rows: 2,
      orders: 2,
    });
    const exported = await run('export', url, '--shard=3');
    expect(
      exported.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line).orderId),
    ).toEqual(['o2', 'o3']);
    expect((await run('check', url, '--shard', 'x')).status).toBe(2);
    expect((await run('check', 'journal.db', '--shard', '1')).stderr).toMatch(/only a PostgreSQL/);
  });
});
