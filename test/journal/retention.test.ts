import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/clock.js';
import type { JournalKind } from '../../src/journal/journal-kind.js';
import { DEFAULT_RETENTION_MS } from '../../src/journal/retention.js';
import { SqliteJournal } from '../../src/journal/sqlite-journal.js';
import { entry, useTempDir } from './helpers.js';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

describe('retention', () => {
  const tempDir = useTempDir();

  it('prunes only the rows of orders completed longer ago than the retention', async () => {
    const clock = new VirtualClock(0);
    const path = join(tempDir(), 'j.db');
    const journal = SqliteJournal.open(path, { clock });
    const append = (orderId: string, kind: JournalKind = 'instruction_accepted') =>
      journal.append(entry(orderId, kind));
    const orderIds = (): string[] => [...journal.readFrom(1)].map((r) => `${r.orderId}:${r.kind}`);

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

    const reopened = SqliteJournal.open(path, { clock });
    expect((await reopened.append(entry('live', 'fill'))).sequence).toBe(10);
    await reopened.close();
  });

  it('prunes a completed order with more rows than a chunk, order_completed last', async () => {
    const clock = new VirtualClock(0);
    const journal = SqliteJournal.open(':memory:', { clock });
    for (let i = 0; i < 25; i++) void journal.append(entry('big', 'fill'));
    await journal.append(entry('big', 'order_completed'));
    clock.advance(2 * HOUR);
    expect(await journal.prune({ retentionMs: HOUR, chunkSize: 7 })).toEqual({
      rows: 26,
      orders: 1,
    });
    expect([...journal.readFrom(1)]).toEqual([]);
    await journal.close();
  });

  it('refuses a nonsensical chunk size or retention, naming it', async () => {
    const journal = SqliteJournal.open(':memory:');
    await expect(journal.prune({ chunkSize: 0 })).rejects.toThrow('chunkSize: expected a positive');
    await expect(journal.prune({ retentionMs: Number.NaN })).rejects.toThrow('retentionMs:');
    await journal.close();
  });
});
