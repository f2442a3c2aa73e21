import { existsSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { checkJournal } from '../../src/journal/check-journal.js';
import { exportJournal } from '../../src/journal/export-journal.js';
import { JournalFileError, JournalSchemaError } from '../../src/journal/journal-errors.js';
import { JOURNAL_SCHEMA_VERSION } from '../../src/journal/journal-schema.js';
import { SqliteJournal } from '../../src/journal/sqlite-journal.js';
import { entry, useTempDir } from './helpers.js';

/** A closed journal file at `path` with `rows` rows across a few orders, one of them completed. */
async function writeJournal(path: string, rows: number): Promise<void> {
  const journal = SqliteJournal.open(path);
  for (let i = 0; i < rows; i++) {
    void journal.append(entry(`o${i % 4}`, 'fill', { i, pad: 'x'.repeat(200) }));
  }
  void journal.append(entry('o0', 'order_completed'));
  await journal.committed();
  await journal.writeSnapshot([{ orderId: 'o1', body: { live: true } }]);
  await journal.close();
}

function openError(path: string): unknown {
  try {
    SqliteJournal.open(path);
  } catch (error) {
    return error;
  }
  throw new Error(`opening ${path} should have failed`);
}

describe('journal files', () => {
  const tempDir = useTempDir();

  it('refuses a journal of a newer schema, naming the file and both versions', async () => {
    const path = join(tempDir(), 'newer.db');
    await writeJournal(path, 3);
    const raw = new Database(path);
    raw.pragma(`user_version = ${JOURNAL_SCHEMA_VERSION + 1}`);
    raw.close();
    for (const error of [openError(path), catchSync(() => checkJournal(path))]) {
      expect(error).toBeInstanceOf(JournalSchemaError);
      expect(error).toMatchObject({
        path,
        fileVersion: JOURNAL_SCHEMA_VERSION + 1,
        supportedVersion: JOURNAL_SCHEMA_VERSION,
      });
      expect((error as Error).message).toContain(path);
    }
  });

  it('refuses a file of garbage bytes as not a database, naming the file', () => {
    const path = join(tempDir(), 'garbage.db');
    writeFileSync(path, Buffer.from('this is not a SQLite file at all. '.repeat(200)));
    for (const error of [openError(path), catchSync(() => checkJournal(path))]) {
      expect(error).toBeInstanceOf(JournalFileError);
      expect(error).toMatchObject({ path, reason: 'file is not a database' });
      expect((error as Error).message).toBe(`journal ${path}: file is not a database`);
    }
  });

  it('refuses a truncated journal as corrupt, naming the file and the reason', async () => {
    const path = join(tempDir(), 'truncated.db');
    await writeJournal(path, 400);
    expect(existsSync(`${path}-wal`)).toBe(false);
    truncateSync(path, Math.floor(statSync(path).size / 2));
    for (const error of [openError(path), catchSync(() => checkJournal(path))]) {
      expect(error).toBeInstanceOf(JournalFileError);
      expect((error as JournalFileError).path).toBe(path);
      expect((error as JournalFileError).reason).toMatch(/malformed|integrity check failed/);
    }
  });

  it("refuses another program's SQLite database instead of adding tables to it", () => {
    const path = join(tempDir(), 'other.db');
    const raw = new Database(path);
    raw.exec('CREATE TABLE accounts (id INTEGER PRIMARY KEY)');
    raw.close();
    expect(openError(path)).toMatchObject({
      path,
      reason: 'not an exo journal (a SQLite database with other tables)',
    });
  });

  it('check refuses a missing file rather than creating one', () => {
    const path = join(tempDir(), 'missing.db');
    expect(catchSync(() => checkJournal(path))).toBeInstanceOf(JournalFileError);
    expect(existsSync(path)).toBe(false);
  });

  it('check counts what a sound journal holds', async () => {
    const path = join(tempDir(), 'sound.db');
    await writeJournal(path, 10);
    expect(checkJournal(path)).toEqual({
      path,
      schemaVersion: JOURNAL_SCHEMA_VERSION,
      integrity: 'ok',
      rows: 11,
      firstSequence: 1,
      lastSequence: 11,
      kinds: { fill: 10, order_completed: 1 },
      orders: 4,
      liveOrders: 3,
      completeSnapshots: 1,
      incompleteSnapshots: 0,
      latestSnapshotCovers: 11,
    });
  });

  it('check counts no order for a change of the risk limits or of a trading state', async () => {
    const path = join(tempDir(), 'limits.db');
    await writeJournal(path, 4);
    const journal = SqliteJournal.open(path);
    await journal.append(entry('~limits', 'limits_changed', { by: 'http', limits: {} }));
    await journal.append(
      entry('~trading', 'trading_state_changed', { scope: 'global', state: 'halted', by: 'cli' }),
    );
    await journal.close();
    expect(checkJournal(path)).toMatchObject({
      kinds: { fill: 4, order_completed: 1, limits_changed: 1, trading_state_changed: 1 },
      orders: 4,
      liveOrders: 3,
    });
  });

  it('export writes every row as a JSON line, oldest first', async () => {
    const path = join(tempDir(), 'export.db');
    await writeJournal(path, 3);
    const lines: string[] = [];
    const count = await exportJournal(path, async (line) => {
      lines.push(line);
    });
    expect(count).toBe(4);
    expect(lines.every((line) => line.endsWith('\n'))).toBe(true);
    const rows = lines.map((line) => JSON.parse(line));
    expect(rows.map((row) => [row.sequence, row.orderId, row.kind])).toEqual([
      [1, 'o0', 'fill'],
      [2, 'o1', 'fill'],
      [3, 'o2', 'fill'],
      [4, 'o0', 'order_completed'],
    ]);
    expect(rows[1]).toMatchObject({ body: { i: 1 }, idempotencyKey: expect.any(String) });
    expect(typeof rows[0].time).toBe('number');
  });
});

function catchSync(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}
