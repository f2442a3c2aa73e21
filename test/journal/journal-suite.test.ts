import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/clock.js';
import type { Journal } from '../../src/journal/journal.js';
import { JournalEntryError, JournalUnavailableError } from '../../src/journal/journal-errors.js';
import { JOURNAL_KINDS, type JournalKind } from '../../src/journal/journal-kind.js';
import type { AppendResult, JournalEntry } from '../../src/journal/journal-row.js';
import { JOURNAL_SCHEMA_VERSION } from '../../src/journal/journal-schema.js';
import { COPY_ABOVE_ROWS } from '../../src/journal/postgres/pg-append.js';
import { PG_SCHEMA_VERSION } from '../../src/journal/postgres/pg-schema.js';
import { DEFAULT_RETENTION_MS } from '../../src/journal/retention.js';
import type { JournalCommit } from '../../src/journal/sqlite-journal.js';
import { decimal } from '../../src/market/decimal.js';
import { type JournalStore, type TestJournalOptions, useJournalBackends } from './backends.js';
import { entry, nextTurn } from './helpers.js';

// The journal's semantics, run against every implementation of `Journal` (SQLite and
// PostgreSQL); what only one of them does (files, locks, disk full, leases) is tested beside it.

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

const backends = useJournalBackends();
const opened: Journal[] = [];
afterEach(async () => {
  for (const journal of opened.splice(0)) await journal.close();
});

describe.each(backends)('journal on $name', (backend) => {
  /** Opens `store` (a fresh one by default), closed after the test. */
  async function open(options: TestJournalOptions = {}, store: JournalStore = backend.store()) {
    const journal = await store.open(options);
    opened.push(journal);
    return journal;
  }

  describe.skipIf(backend.skip)('appends', () => {
    it('reads back every appended row, in append order, with increasing sequences', async () => {
      const journal = await open({ clock: new VirtualClock(1_000) });
      const entries: JournalEntry[] = JOURNAL_KINDS.map((kind, i) =>
        entry(`o${i % 3}`, kind, { n: i, px: decimal('100.25') }),
      );
      const results = await Promise.all(entries.map((e) => journal.append(e)));
      expect(results.map((r) => r.sequence)).toEqual(entries.map((_, i) => i + 1));
      expect([...journal.readFrom(1)]).toEqual(
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
      const journal = await open({ clock: new VirtualClock(1_000) });
      await journal.append({ ...entry('o', 'instruction_accepted'), time: 990 });
      await journal.append(entry('o', 'order_completed'));
      expect([...journal.readFrom(1)].map((row) => row.time)).toEqual([990, 1_000]);
    });

    it('reads more rows than a page, and may append while reading', async () => {
      const journal = await open();
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
      const journal = await open({
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
      const journal = await open();
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

    it('tells followers the rows of each commit, duplicates left out', async () => {
      const journal = await open();
      const told: number[][] = [];
      const stop = journal.follow((rows) => told.push(rows.map((row) => row.sequence)));
      await Promise.all([journal.append(entry('a', 'fill', {}, 'k')), journal.append(entry('b'))]);
      await journal.append(entry('a', 'fill', {}, 'k'));
      stop();
      await journal.append(entry('c'));
      expect(told).toEqual([[1, 2]]);
    });

    it('tells followers each body as readFrom reads it back, whatever was appended', async () => {
      const journal = await open();
      const told: unknown[] = [];
      const stop = journal.follow((rows) => told.push(...rows.map((row) => row.body)));
      const bodies = [
        { px: decimal('100.25'), at: new Date(0) },
        { a: undefined, b: [1, undefined], c: -0, d: Number.NaN },
        { plain: ['x', 1.5, true, null, { nested: {} }] },
      ];
      for (const body of bodies) await journal.append(entry('o', 'fill', body));
      stop();
      expect(told).toStrictEqual([...journal.readFrom(1)].map((row) => row.body));
    });

    it('drops an entry whose idempotency key is journaled, reporting the holder of the key', async () => {
      const commits: JournalCommit[] = [];
      const journal = await open({ onCommit: (c) => commits.push(c) });
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
      expect(journal.unavailable).toBeUndefined();
      const next = await journal.append(entry('o'));
      expect(next.sequence).toBeGreaterThan(2);
    });

    it(`drops duplicates in one commit of more than ${COPY_ABOVE_ROWS} rows (COPY on PostgreSQL), within it and against earlier rows`, async () => {
      const commits: JournalCommit[] = [];
      const journal = await open({ onCommit: (c) => commits.push(c) });
      await journal.append(entry('o', 'fill', { n: -1 }, 'early-0'));
      await journal.append(entry('o', 'fill', { n: -2 }, 'early-1'));
      const size = COPY_ABOVE_ROWS + 101;
      const holderOf = new Map([
        ['early-0', 1],
        ['early-1', 2],
      ]);
      const expected: AppendResult[] = [];
      const appends: Promise<AppendResult>[] = [];
      for (let i = 0; i < size; i++) {
        const key =
          i % 50 === 10
            ? `early-${Math.floor(i / 50) % 2}`
            : i % 50 === 20
              ? `batch-${i - 7}`
              : `batch-${i}`;
        const sequence = 3 + i;
        const holder = holderOf.get(key);
        if (holder === undefined) holderOf.set(key, sequence);
        expected.push({ sequence: holder ?? sequence, duplicate: holder !== undefined });
        const body = { n: i, text: 'tab\there\nline\\ "q" \u00fc \u20ac \u{1f600}' };
        appends.push(journal.append(entry(`o-${i % 7}\t${i}`, 'fill', body, key)));
      }
      expect(await Promise.all(appends)).toEqual(expected);
      const duplicates = expected.filter((result) => result.duplicate).length;
      expect(duplicates).toBeGreaterThanOrEqual(4);
      expect(commits.at(-1)).toMatchObject({ rows: size - duplicates, duplicates });
      const kept = expected.filter((result) => !result.duplicate).map((r) => r.sequence);
      const rows = [...journal.readFrom(3)];
      expect(rows.map((row) => row.sequence)).toEqual(kept);
      expect(rows.map((row) => row.body)).toEqual(
        kept.map((sequence) => ({
          n: sequence - 3,
          text: 'tab\there\nline\\ "q" \u00fc \u20ac \u{1f600}',
        })),
      );
      expect(rows.map((row) => row.orderId)).toEqual(
        kept.map((sequence) => `o-${(sequence - 3) % 7}\t${sequence - 3}`),
      );
      await expect(journal.append(entry('o'))).resolves.toEqual({
        sequence: 3 + size,
        duplicate: false,
      });
    });

    it('keeps the first row per idempotency key, however appends fall into turns (fast-check)', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 80, size: 'max' }), {
            maxLength: 6,
          }),
          async (turns) => {
            const journal = await open();
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
          },
        ),
        { numRuns: backend.name === 'sqlite' ? 60 : 15 },
      );
    });

    it('refuses a bad entry with a JournalEntryError naming the field, and carries on', async () => {
      const journal = await open();
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
      const store = backend.store();
      const journal = await store.open();
      const pending = journal.append(entry('o'));
      await journal.close();
      await expect(pending).resolves.toEqual({ sequence: 1, duplicate: false });
      await expect(journal.append(entry('o'))).rejects.toBeInstanceOf(JournalUnavailableError);
      await expect(journal.committed()).rejects.toThrow(/journal closed/);
      const reopened = await open({}, store);
      expect([...reopened.readFrom(1)]).toHaveLength(1);
      expect((await reopened.append(entry('o'))).sequence).toBe(2);
    });
  });

  describe.skipIf(backend.skip)('snapshots', () => {
    it('covers the rows appended before it, even those still waiting for their commit', async () => {
      const journal = await open();
      void journal.append(entry('o1'));
      const snapshot = journal.writeSnapshot([{ orderId: 'o1', body: {} }]);
      void journal.append(entry('o2'));
      expect(await snapshot).toMatchObject({ coversSequence: 1, orders: 1 });
      await journal.committed();
      expect([...journal.readFrom(2)].map((row) => row.orderId)).toEqual(['o2']);
    });

    it('refuses a snapshot naming an order twice, and leaves the journal working', async () => {
      const journal = await open();
      const twice = [
        { orderId: 'o1', body: {} },
        { orderId: 'o1', body: {} },
      ];
      await expect(journal.writeSnapshot(twice)).rejects.toThrow(
        'orders: order "o1" appears twice',
      );
      await expect(journal.append(entry('o1'))).resolves.toMatchObject({ sequence: 1 });
      expect(journal.latestSnapshot()).toBeUndefined();
    });

    it('ignores a snapshot cut short, and the next complete one removes it', async () => {
      const store = backend.store();
      const journal = await store.open();
      await journal.append(entry('o1'));
      const first = await journal.writeSnapshot([{ orderId: 'o1', body: { v: 1 } }]);
      await journal.append(entry('o2'));
      const orders = Array.from({ length: 500 }, (_, i) => ({
        orderId: `o${String(i).padStart(3, '0')}`,
        body: { v: 2 },
      }));
      const interrupted = journal.writeSnapshot(orders, { chunkSize: 1 });
      for (let turn = 0; turn < 20 && (await store.check()).incompleteSnapshots === 0; turn++) {
        await nextTurn();
      }
      await journal.close();
      await expect(interrupted).rejects.toThrow(JournalUnavailableError);
      expect(await store.check()).toMatchObject({ completeSnapshots: 1, incompleteSnapshots: 1 });

      const reopened = await open({}, store);
      expect(reopened.latestSnapshot()).toMatchObject({
        id: first.id,
        coversSequence: 1,
        orders: [{ orderId: 'o1', body: { v: 1 } }],
      });
      const next = await reopened.writeSnapshot(orders, { chunkSize: 100 });
      expect(reopened.latestSnapshot()).toMatchObject({ id: next.id, coversSequence: 2, orders });
      await reopened.close();
      expect(await store.check()).toMatchObject({ completeSnapshots: 1, incompleteSnapshots: 0 });
    });
  });

  describe.skipIf(backend.skip)('retention', () => {
    it('prunes only the rows of orders completed longer ago than the retention', async () => {
      const clock = new VirtualClock(0);
      const store = backend.store();
      const journal = await store.open({ clock });
      const append = (orderId: string, kind: JournalKind = 'instruction_accepted') =>
        journal.append(entry(orderId, kind));
      const orderIds = (): string[] =>
        [...journal.readFrom(1)].map((r) => `${r.orderId}:${r.kind}`);

      for (const kind of ['instruction_accepted', 'fill', 'fill', 'order_completed'] as const) {
        void append('done-long-ago', kind);
      }
      void append('live');
      void append('done-recently');
      await append('done-after-snapshot');
      // A snapshot taken while `done-after-snapshot` was live: its rows must stay until a later
      // snapshot no longer holds it, or recovery would bring it back to life.
      await journal.writeSnapshot(
        ['live', 'done-recently', 'done-after-snapshot'].map((orderId) => ({ orderId, body: {} })),
      );
      clock.advance(HOUR);
      await append('done-after-snapshot', 'order_completed');
      clock.advanceTo(8 * DAY);
      await append('done-recently', 'order_completed');

      expect(await journal.prune({ chunkSize: 1 })).toEqual({ rows: 4, orders: 1 });
      expect(orderIds()).toEqual([
        'live:instruction_accepted',
        'done-recently:instruction_accepted',
        'done-after-snapshot:instruction_accepted',
        'done-after-snapshot:order_completed',
        'done-recently:order_completed',
      ]);

      await journal.writeSnapshot([{ orderId: 'live', body: {} }]);
      expect(await journal.prune({ chunkSize: 2 })).toEqual({ rows: 2, orders: 1 });
      clock.advanceTo(8 * DAY + DEFAULT_RETENTION_MS + 1);
      expect(await journal.prune()).toEqual({ rows: 2, orders: 1 });
      expect(orderIds()).toEqual(['live:instruction_accepted']);
      expect(await journal.prune()).toEqual({ rows: 0, orders: 0 });
      await journal.close();

      const reopened = await open({ clock }, store);
      expect([...reopened.readFrom(1)].map((r) => r.orderId)).toEqual(['live']);
      expect((await reopened.append(entry('live', 'fill'))).sequence).toBe(10);
    });

    it('prunes a completed order with more rows than a chunk, order_completed last', async () => {
      const clock = new VirtualClock(0);
      const journal = await open({ clock });
      for (let i = 0; i < 25; i++) void journal.append(entry('big', 'fill'));
      await journal.append(entry('big', 'order_completed'));
      clock.advance(2 * HOUR);
      expect(await journal.prune({ retentionMs: HOUR, chunkSize: 7 })).toEqual({
        rows: 26,
        orders: 1,
      });
      expect([...journal.readFrom(1)]).toEqual([]);
    });

    it('refuses a nonsensical chunk size or retention, naming it', async () => {
      const journal = await open();
      await expect(journal.prune({ chunkSize: 0 })).rejects.toThrow(
        'chunkSize: expected a positive',
      );
      await expect(journal.prune({ retentionMs: Number.NaN })).rejects.toThrow('retentionMs:');
    });
  });

  describe.skipIf(backend.skip)('check', () => {
    it("counts what a sound journal holds, none of the engine's own rows as an order", async () => {
      const store = backend.store();
      const journal = await store.open();
      for (let i = 0; i < 10; i++) void journal.append(entry(`o${i % 4}`, 'fill', { i }));
      void journal.append(entry('o0', 'order_completed'));
      void journal.append(entry('~limits', 'limits_changed', { by: 'http', limits: {} }));
      await journal.committed();
      await journal.writeSnapshot([{ orderId: 'o1', body: { live: true } }]);
      await journal.close();
      expect(await store.check()).toEqual({
        path: expect.any(String),
        schemaVersion: backend.name === 'postgres' ? PG_SCHEMA_VERSION : JOURNAL_SCHEMA_VERSION,
        integrity: 'ok',
        rows: 12,
        firstSequence: 1,
        lastSequence: 12,
        kinds: { fill: 10, limits_changed: 1, order_completed: 1 },
        orders: 4,
        liveOrders: 3,
        completeSnapshots: 1,
        incompleteSnapshots: 0,
        latestSnapshotCovers: 12,
      });
    });
  });
});
