import fc from 'fast-check';
import type pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/clock.js';
import { JournalFencedError } from '../../src/journal/journal-errors.js';
import { JOURNAL_KINDS } from '../../src/journal/journal-kind.js';
import { COPY_ABOVE_ROWS, type Fence } from '../../src/journal/postgres/pg-append.js';
import { checkPgJournal } from '../../src/journal/postgres/pg-check.js';
import { PgCopyAppender } from '../../src/journal/postgres/pg-copy-append.js';
import { connect, pgClient, pgTarget } from '../../src/journal/postgres/pg-target.js';
import { PostgresJournal } from '../../src/journal/postgres/postgres-journal.js';
import type { PendingRow } from '../../src/journal/row-writer.js';
import { pgReachable, usePgSchemas } from './backends.js';
import { entry } from './helpers.js';

// The COPY append path of the PostgreSQL journal: what it writes is byte for byte what was
// appended, and a fenced batch writes nothing. Duplicates are covered by the journal suite.

const freshJournal = usePgSchemas();
const closing: Array<{ close(): Promise<void> } | pg.Client> = [];
afterEach(async () => {
  for (const item of closing.splice(0).reverse()) await ('end' in item ? item.end() : item.close());
});

/** Text PostgreSQL can hold (anything but NUL), weighted toward what COPY must escape. */
const awkward = fc.string({
  unit: fc.oneof(
    fc.constantFrom('\t', '\n', '\r', '\\', '"', "'", ',', '.', 'N', '\\.', '\\N', '\r\n'),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }).filter((c) => c !== '\0'),
  ),
  minLength: 1,
  maxLength: 40,
});

describe.skipIf(!pgReachable)('PostgreSQL COPY append', () => {
  it('writes arbitrary order IDs, keys and bodies back byte for byte (fast-check)', async () => {
    const { url } = freshJournal();
    const journal = await PostgresJournal.open(url);
    closing.push(journal);
    const target = pgTarget(url);
    const client = await connect(pgClient(target, 'test'), target);
    closing.push(client);
    const lease = await client.query<{ owner: string; epoch: number }>(
      `SELECT owner, epoch FROM ${target.schema}.journal_lease WHERE shard = 0`,
    );
    const fence: Fence = { shard: 0, ...lease.rows[0]! };
    const appender = new PgCopyAppender(client, target.schema);
    let sequence = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ orderId: awkward, key: awkward, body: awkward }), {
          minLength: 1,
          maxLength: 30,
        }),
        async (drawn) => {
          const rows: PendingRow[] = drawn.map((row, i) => ({
            sequence: ++sequence,
            time: 1_000 + i,
            orderId: row.orderId,
            kind: JOURNAL_KINDS[i % JOURNAL_KINDS.length]!,
            // Unique per run, so no row is a duplicate of an earlier run's.
            idempotencyKey: `${sequence}:${row.key}`,
            body: row.body,
            value: undefined,
          }));
          const results = await appender.write(rows, fence);
          expect(results).toEqual(
            rows.map((row) => ({ sequence: row.sequence, duplicate: false })),
          );
          const back = await client.query<Record<string, string | number>>(
            `SELECT sequence, time, order_id, kind, idempotency_key, body FROM ${target.schema}.journal
             WHERE sequence BETWEEN $1 AND $2 ORDER BY sequence`,
            [rows[0]!.sequence, sequence],
          );
          const bytes = (text: string) => Buffer.from(text, 'utf8').toString('hex');
          expect(
            back.rows.map((row) => [
              row.sequence,
              row.time,
              bytes(String(row.order_id)),
              row.kind,
              bytes(String(row.idempotency_key)),
              bytes(String(row.body)),
            ]),
          ).toEqual(
            rows.map((row) => [
              row.sequence,
              row.time,
              bytes(row.orderId),
              row.kind,
              bytes(row.idempotencyKey),
              bytes(row.body),
            ]),
          );
        },
      ),
      { numRuns: 60 },
    );
  });

  it(`a fenced batch of more than ${COPY_ABOVE_ROWS} rows writes nothing and is reported fenced`, async () => {
    const { url } = freshJournal();
    const ttl = 400;
    // The first owner's renewals run on a clock that never moves: it falls silent, as a paused
    // process would, and another owner takes the shard once the lease expired.
    const first = await PostgresJournal.open(url, {
      leaseTtlMs: ttl,
      leaseTimers: new VirtualClock(0),
    });
    closing.push(first);
    await first.append(entry('o1'));
    const second = await PostgresJournal.open(url, { leaseTtlMs: ttl, leaseWaitMs: 10 * ttl });
    closing.push(second);

    const size = COPY_ABOVE_ROWS + 50;
    const appends = Array.from({ length: size }, (_, i) =>
      first.append(entry(`o${i}`)).catch((error: unknown) => error),
    );
    const refused = await Promise.all(appends);
    expect(refused.every((error) => error instanceof JournalFencedError)).toBe(true);
    expect(first.unavailable).toBeInstanceOf(JournalFencedError);
    expect(first.leaseStatus().fencedAppends).toBe(size);
    expect((await checkPgJournal(url)).kinds).toEqual({ instruction_accepted: 1 });
    await expect(second.append(entry('o2'))).resolves.toEqual({ sequence: 2, duplicate: false });
  });
});
