import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/clock.js';
import {
  JournalEntryError,
  JournalFileError,
  JournalUnavailableError,
} from '../../src/journal/journal-errors.js';
import { JOURNAL_KINDS } from '../../src/journal/journal-kind.js';
import type { JournalEntry } from '../../src/journal/journal-row.js';
import { type JournalCommit, SqliteJournal } from '../../src/journal/sqlite-journal.js';
import { decimal } from '../../src/market/decimal.js';
import { entry, nextTurn, useTempDir } from './helpers.js';

const opened: SqliteJournal[] = [];
afterEach(async () => {
  for (const journal of opened.splice(0)) await journal.close();
});

function open(path = ':memory:', options: Parameters<typeof SqliteJournal.open>[1] = {}) {
  const journal = SqliteJournal.open(path, options);
  opened.push(journal);
  return journal;
}

describe('SqliteJournal', () => {
  const tempDir = useTempDir();

  it('reads back every appended row, in append order, with increasing sequences', async () => {
    const clock = new VirtualClock(1_000);
    const journal = open(join(tempDir(), 'j.db'), { clock });
    const entries: JournalEntry[] = JOURNAL_KINDS.map((kind, i) =>
      entry(`o${i % 3}`, kind, { n: i, px: decimal('100.25') }),
    );
    const results = await Promise.all(entries.map((e) => journal.append(e)));
    expect(results.map((r) => r.sequence)).toEqual(entries.map((_, i) => i + 1));
    const rows = [...journal.readFrom(1)];
    expect(rows).toEqual(
      entries.map((e, i) => ({
        sequence: i + 1,
        time: 1_000,
        orderId: e.orderId,
        kind: e.kind,
        idempotencyKey: e.idempotencyKey,
        body: { n: i, px: '100.25' },
      })),
    );
    expect([...journal.readFrom(5)].map((r) => r.sequence)).toEqual(
      entries.slice(4).map((_, i) => i + 5),
    );
  });

  it("stamps a row with the entry's own time when it has one, else with its clock's now", async () => {
    const clock = new VirtualClock(1_000);
    const journal = open(':memory:', { clock });
    await journal.append({ ...entry('o', 'instruction_accepted'), time: 990 });
    await journal.append(entry('o', 'order_completed'));
    expect([...journal.readFrom(1)].map((row) => row.time)).toEqual([990, 1_000]);
  });

  it('reads more rows than a page, and may append while reading', async () => {
    const journal = open();
    const total = 2_500;
    for (let i = 0; i < total; i++) void journal.append(entry('o', 'fill', { i }));
    await journal.committed();
    const seen: number[] = [];
    for (const row of journal.readFrom(1)) {
      seen.push(row.sequence);
      if (row.sequence % 1000 === 0) {
        void journal.append(entry('o', 'fill'));
        await nextTurn();
      }
    }
    expect(seen.slice(0, total)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
  });

  it('commits every row appended in one turn in one transaction, then resolves their appends', async () => {
    const commits: JournalCommit[] = [];
    const events: string[] = [];
    const journal = open(':memory:', {
      onCommit: (commit) => {
        commits.push(commit);
        events.push(`commit ${commit.rows}`);
      },
    });
    const acks = ['a', 'b', 'c'].map((id) =>
      journal.append(entry(id)).then((result) => events.push(`ack ${result.sequence}`)),
    );
    await Promise.resolve();
    expect(events).toEqual([]);
    expect([...journal.readFrom(1)]).toEqual([]);
    await Promise.all(acks);
    expect(events).toEqual(['commit 3', 'ack 1', 'ack 2', 'ack 3']);

    await Promise.all([journal.append(entry('d')), journal.append(entry('e'))]);
    expect(commits.map((c) => [c.rows, c.lastSequence])).toEqual([
      [3, 3],
      [2, 5],
    ]);
  });

  it('committed() resolves only once every row appended before it is durable', async () => {
    const journal = open();
    for (const id of ['a', 'b', 'c']) void journal.append(entry(id));
    let released = false;
    const gate = journal.committed().then(() => {
      released = true;
      return [...journal.readFrom(1)].map((r) => r.orderId);
    });
    await Promise.resolve();
    expect(released).toBe(false);
    expect(await gate).toEqual(['a', 'b', 'c']);
    await expect(journal.committed()).resolves.toBeUndefined();
  });

  it('drops an entry whose idempotency key is journaled, reporting the holder of the key', async () => {
    const commits: JournalCommit[] = [];
    const journal = open(':memory:', { onCommit: (c) => commits.push(c) });
    const first = await journal.append(entry('o', 'fill', { qty: '1' }, 'venue-x:exec-1'));
    const [sameTurn, again] = await Promise.all([
      journal.append(entry('o', 'fill', { qty: '2' }, 'venue-x:exec-2')),
      journal.append(entry('o', 'fill', { qty: '2' }, 'venue-x:exec-2')),
    ]);
    const later = await journal.append(entry('o', 'fill', { qty: '9' }, 'venue-x:exec-1'));
    expect(first).toEqual({ sequence: 1, duplicate: false });
    expect(sameTurn).toEqual({ sequence: 2, duplicate: false });
    expect(again).toEqual({ sequence: 2, duplicate: true });
    expect(later).toEqual({ sequence: 1, duplicate: true });
    expect([...journal.readFrom(1)].map((r) => r.body)).toEqual([{ qty: '1' }, { qty: '2' }]);
    expect(commits.map((c) => c.duplicates)).toEqual([0, 1, 1]);
    const next = await journal.append(entry('o'));
    expect(next.sequence).toBeGreaterThan(2);
  });

  it('keeps the first row per idempotency key, however appends fall into turns (fast-check)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 80, size: 'max' }), {
          maxLength: 6,
        }),
        async (turns) => {
          const journal = SqliteJournal.open(':memory:');
          const firstSequence = new Map<number, number>();
          let appended = 0;
          const checks: Promise<void>[] = [];
          for (const keys of turns) {
            for (const key of keys) {
              appended++;
              const known = firstSequence.get(key);
              if (known === undefined) firstSequence.set(key, appended);
              const expected = { sequence: known ?? appended, duplicate: known !== undefined };
              checks.push(
                journal.append(entry('o', 'fill', { key }, `k${key}`)).then((result) => {
                  expect(result).toEqual(expected);
                }),
              );
            }
            await nextTurn();
          }
          await Promise.all(checks);
          const rows = [...journal.readFrom(1)];
          expect(rows.map((row) => [row.sequence, row.body])).toEqual(
            [...firstSequence].map(([key, sequence]) => [sequence, { key }]),
          );
          await journal.close();
        },
      ),
      { numRuns: 60 },
    );
  });

  it('refuses a bad entry with a JournalEntryError naming the field, and carries on', async () => {
    const journal = open();
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    const bad: Array<[JournalEntry, string]> = [
      [{ ...entry('o'), orderId: '' }, 'orderId'],
      [{ ...entry('o'), kind: 'nonsense' as never }, 'kind'],
      [{ ...entry('o'), idempotencyKey: '' }, 'idempotencyKey'],
      [{ ...entry('o'), body: circular }, 'body'],
      [{ ...entry('o'), body: undefined }, 'body'],
      [{ ...entry('o'), time: 1.5 }, 'time'],
      [{ ...entry('o'), time: -1 }, 'time'],
    ];
    for (const [badEntry, field] of bad) {
      const error = await journal.append(badEntry).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(JournalEntryError);
      expect((error as JournalEntryError).field).toBe(field);
    }
    await expect(journal.append(entry('o'))).resolves.toMatchObject({ duplicate: false });
  });

  it('commits what is pending on close, and refuses appends after it', async () => {
    const path = join(tempDir(), 'j.db');
    const journal = SqliteJournal.open(path);
    const pending = journal.append(entry('o'));
    await journal.close();
    await expect(pending).resolves.toEqual({ sequence: 1, duplicate: false });
    await expect(journal.append(entry('o'))).rejects.toBeInstanceOf(JournalUnavailableError);
    await expect(journal.committed()).rejects.toThrow(/journal closed/);
    const reopened = open(path);
    expect([...reopened.readFrom(1)]).toHaveLength(1);
    expect((await reopened.append(entry('o'))).sequence).toBe(2);
  });

  it('refuses a second process (or connection) on the same file while it is open', () => {
    const path = join(tempDir(), 'j.db');
    open(path);
    expect(() => SqliteJournal.open(path)).toThrow(JournalFileError);
    expect(() => SqliteJournal.open(path)).toThrow(`journal ${path}: database is locked`);
  });
});
