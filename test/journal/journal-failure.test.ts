import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JournalUnavailableError } from '../../src/journal/journal-errors.js';
import { SqliteJournal } from '../../src/journal/sqlite-journal.js';
import { entry, nextTurn, useTempDir } from './helpers.js';

describe('a failing journal write', () => {
  const tempDir = useTempDir();

  it('rejects every waiting append and the output gate, stops the journal, and reports the cause', async () => {
    const path = join(tempDir(), 'full.db');
    const reported: JournalUnavailableError[] = [];
    const journal = SqliteJournal.open(path, {
      maxBytes: 64 * 1024,
      onUnavailable: (error) => reported.push(error),
    });
    const before = await journal.append(entry('o1', 'instruction_accepted', { small: true }));

    const waiting = [
      journal.append(entry('o1', 'child_intent')),
      journal.append(entry('o2', 'instruction_accepted', { huge: 'x'.repeat(256 * 1024) })),
      journal.append(entry('o3', 'instruction_accepted')),
    ];
    const gate = journal.committed();
    const outcomes = await Promise.allSettled([...waiting, gate]);
    for (const outcome of outcomes) {
      expect(outcome.status).toBe('rejected');
      const reason = (outcome as PromiseRejectedResult).reason;
      expect(reason).toBeInstanceOf(JournalUnavailableError);
      expect(reason.reason).toBe('database or disk is full');
    }
    expect(reported).toHaveLength(1);
    expect(reported[0]!.message).toBe('journal unavailable: database or disk is full');
    expect(journal.unavailable).toBe(reported[0]);

    const later = journal.append(entry('o4'));
    let settledWithinTurn = false;
    later.catch(() => {
      settledWithinTurn = true;
    });
    await Promise.resolve();
    expect(settledWithinTurn).toBe(true);
    await expect(later).rejects.toBe(reported[0]);
    await expect(journal.committed()).rejects.toBe(reported[0]);
    await expect(journal.writeSnapshot([])).rejects.toBe(reported[0]);
    await expect(journal.prune()).rejects.toBe(reported[0]);
    expect(reported).toHaveLength(1);
    await journal.close();

    const reopened = SqliteJournal.open(path);
    expect([...reopened.readFrom(1)].map((row) => row.sequence)).toEqual([before.sequence]);
    await reopened.close();
  });

  it('does not crash the process when nobody awaits the rejected appends', async () => {
    const journal = SqliteJournal.open(':memory:', { maxBytes: 64 * 1024 });
    void journal.append(entry('o', 'fill', { huge: 'x'.repeat(256 * 1024) }));
    void journal.append(entry('o', 'fill'));
    await nextTurn();
    await nextTurn();
    expect(journal.unavailable?.reason).toBe('database or disk is full');
    await journal.close();
  });

  it('a failing snapshot chunk stops the journal like a failing commit', async () => {
    const reported: JournalUnavailableError[] = [];
    const journal = SqliteJournal.open(':memory:', {
      maxBytes: 64 * 1024,
      onUnavailable: (error) => reported.push(error),
    });
    await journal.append(entry('o'));
    const orders = Array.from({ length: 50 }, (_, i) => ({
      orderId: `o${i}`,
      body: { pad: 'x'.repeat(4096) },
    }));
    await expect(journal.writeSnapshot(orders, { chunkSize: 5 })).rejects.toBeInstanceOf(
      JournalUnavailableError,
    );
    expect(reported).toHaveLength(1);
    expect(journal.latestSnapshot()).toBeUndefined();
    await expect(journal.append(entry('o'))).rejects.toBe(reported[0]);
    await journal.close();
  });
});
