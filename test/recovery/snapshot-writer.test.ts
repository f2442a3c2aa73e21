import { afterEach, describe, expect, it, vi } from 'vitest';
import { VirtualClock } from '../../src/core/clock.js';
import type { JournalRow } from '../../src/journal/journal-row.js';
import { SqliteJournal } from '../../src/journal/sqlite-journal.js';
import { decimal } from '../../src/market/decimal.js';
import { recoveredToJSON } from '../../src/recovery/recovered-json.js';
import { RecoveryBook } from '../../src/recovery/recovery-book.js';
import { SnapshotWriter } from '../../src/recovery/snapshot-writer.js';
import { nextTurn } from '../journal/helpers.js';
import { JournaledParent } from './contract-writer.js';
import { parentOrder } from './helpers.js';

const POLL_MS = 10;

let journal: SqliteJournal;
let writer: SnapshotWriter | undefined;
afterEach(async () => {
  await writer?.stop();
  await journal.close();
});

/** The live orders a book holds, comparable across books. */
function contents(book: RecoveryBook) {
  return book
    .recovered()
    .map(recoveredToJSON)
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

/** A book folded from every committed row: what the writer's book must equal. */
function replayed(): RecoveryBook {
  const book = new RecoveryBook();
  for (const row of journal.readFrom(1)) book.apply(row);
  return book;
}

/** Journals a few rows for order `n`: its instruction, a child, and a cancel. */
function journalSomeRows(n: number, clock: VirtualClock): void {
  const parent = new JournaledParent(
    parentOrder(`exo-w-${n}`, { quantity: '5', algo: 'take' }),
    journal,
    clock,
  );
  parent.sendChild({ quantity: decimal('1'), limitPrice: decimal('100'), timeInForce: 'gtc' });
  parent.cancel();
}

/** A fresh in-memory journal and a writer over an empty book (not started). */
function setUp(options: { rowsPerTurn?: number } = {}) {
  const clock = new VirtualClock(1_000);
  journal = SqliteJournal.open(':memory:', { clock });
  const book = new RecoveryBook();
  writer = new SnapshotWriter({ journal, clock, book, pollMs: POLL_MS, ...options });
  return { clock, book, writer };
}

/** Counts the rows the writer reads back from the journal. */
function countReadBack(): { rows: number } {
  const read = { rows: 0 };
  const readFrom = journal.readFrom.bind(journal);
  vi.spyOn(journal, 'readFrom').mockImplementation(function* (sequence: number) {
    for (const row of readFrom(sequence)) {
      read.rows++;
      yield row;
    }
  });
  return read;
}

describe('SnapshotWriter', () => {
  it('keeps its book equal to a full replay when commits land in the middle of its catch-up', async () => {
    const { clock, book, writer } = setUp({ rowsPerTurn: 4 });
    // Rows committed before the writer starts are never announced to it: it must read them back.
    for (let n = 0; n < 5; n++) journalSomeRows(n, clock);
    await journal.committed();
    writer.start();

    // The poll starts catching up four rows a turn; every turn commits new rows meanwhile.
    clock.advance(POLL_MS);
    for (let n = 5; n < 25; n++) {
      journalSomeRows(n, clock);
      await nextTurn();
    }
    await journal.committed();
    await writer.snapshot();

    const all = [...journal.readFrom(1)];
    expect(book.lastSequence).toBe(all[all.length - 1]!.sequence);
    expect(contents(book)).toEqual(contents(replayed()));
    expect(book.size).toBe(25);
  });

  it('once caught up, folds each commit as the journal announces it, reading nothing back', async () => {
    const { clock, book, writer } = setUp();
    writer.start();
    journalSomeRows(0, clock);
    await journal.committed();
    await writer.snapshot();
    const read = countReadBack();

    for (let n = 1; n < 40; n++) {
      journalSomeRows(n, clock);
      await nextTurn();
    }
    await journal.committed();

    expect(read.rows).toBe(0);
    expect(book.size).toBe(40);
    expect(contents(book)).toEqual(contents(replayed()));
  });

  it('stops folding announced rows once stopped', async () => {
    const { clock, book, writer } = setUp();
    writer.start();
    await writer.snapshot();
    await writer.stop();
    journalSomeRows(0, clock);
    await journal.committed();
    expect(book.size).toBe(0);
  });
});

describe('SqliteJournal.follow', () => {
  it('announces exactly the committed rows, as readFrom reads them, duplicates left out', async () => {
    const clock = new VirtualClock(1_000);
    journal = SqliteJournal.open(':memory:', { clock });
    const announced: JournalRow[] = [];
    const commits: number[] = [];
    journal.follow(() => {
      throw new Error('a follower bug must not undo a commit');
    });
    const unfollow = journal.follow((rows) => {
      commits.push(rows.length);
      announced.push(...rows);
    });
    const entry = (key: string, px: string) => ({
      orderId: 'exo-f-1',
      kind: 'fill' as const,
      idempotencyKey: key,
      body: { px: decimal(px) },
    });
    void journal.append(entry('a', '1.5'));
    void journal.append(entry('b', '2'));
    await journal.committed();
    const duplicate = journal.append(entry('a', '9'));
    void journal.append(entry('c', '3.25'));
    await journal.committed();
    await journal.append(entry('b', '5'));
    unfollow();
    await journal.append(entry('d', '4'));

    expect((await duplicate).duplicate).toBe(true);
    expect(commits).toEqual([2, 1]);
    expect(announced).toEqual([...journal.readFrom(1)].slice(0, 3));
    expect(announced.map((row) => row.body)).toEqual([{ px: '1.5' }, { px: '2' }, { px: '3.25' }]);
  });
});
