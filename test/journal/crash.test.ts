import { spawn } from 'node:child_process';
import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PostgresJournal } from '../../src/journal/postgres/postgres-journal.js';
import { SqliteJournal } from '../../src/journal/sqlite-journal.js';
import { pgReachable, usePgSchemas } from './backends.js';
import { entry, nextTurn, useTempDir } from './helpers.js';

const CHILD = fileURLToPath(new URL('./fixtures/append-until-killed.ts', import.meta.url));

/** Runs the appending child until it has acknowledged `acks` batches, kills it with SIGKILL. */
async function appendThenKill(path: string, acks: number): Promise<number> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, path], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  let highestAcked = 0;
  let seen = 0;
  for await (const line of createInterface({ input: child.stdout })) {
    highestAcked = Number(line.split(' ')[1]);
    if (++seen === acks) {
      child.kill('SIGKILL');
      break;
    }
  }
  expect(await exited).toBeNull();
  return highestAcked;
}

describe('crash safety', () => {
  const tempDir = useTempDir();
  const freshJournal = usePgSchemas();

  it('loses no committed row when the process stops without closing (WAL files copied live)', async () => {
    const dir = tempDir();
    const journal = SqliteJournal.open(join(dir, 'live.db'));
    for (let turn = 0; turn < 20; turn++) {
      for (let i = 0; i <= turn; i++) void journal.append(entry(`o${i}`, 'fill', { turn, i }));
      await nextTurn();
    }
    await journal.committed();
    const crashed = join(dir, 'crashed.db');
    copyFileSync(join(dir, 'live.db'), crashed);
    expect(existsSync(join(dir, 'live.db-wal'))).toBe(true);
    copyFileSync(join(dir, 'live.db-wal'), `${crashed}-wal`);
    void journal.append(entry('uncommitted'));

    const recovered = SqliteJournal.open(crashed);
    const rows = [...recovered.readFrom(1)];
    expect(rows.map((row) => row.sequence)).toEqual(Array.from({ length: 210 }, (_, i) => i + 1));
    expect(rows.some((row) => row.orderId === 'uncommitted')).toBe(false);
    expect((await recovered.append(entry('next'))).sequence).toBe(211);
    await recovered.close();
    await journal.close();
  });

  it('keeps every acknowledged row of a process killed with SIGKILL mid-stream', async () => {
    const path = join(tempDir(), 'killed.db');
    let acknowledged = 0;
    for (const acks of [5, 23, 40]) {
      acknowledged = Math.max(acknowledged, await appendThenKill(path, acks));
      const journal = SqliteJournal.open(path);
      const sequences = [...journal.readFrom(1)].map((row) => row.sequence);
      await journal.close();
      expect(sequences.length).toBeGreaterThanOrEqual(acknowledged);
      expect(sequences.slice(0, acknowledged)).toEqual(
        Array.from({ length: acknowledged }, (_, i) => i + 1),
      );
    }
  });

  it.skipIf(!pgReachable)(
    'keeps every acknowledged row on PostgreSQL of a process killed with SIGKILL mid-stream',
    async () => {
      const { url } = freshJournal('&lease_ms=500');
      let acknowledged = 0;
      for (const [round, acks] of [5, 23, 40].entries()) {
        acknowledged = Math.max(acknowledged, await appendThenKill(url, acks));
        // The killed writer's lease is left to expire: the reader takes it over, one epoch on.
        const journal = await PostgresJournal.open(url, { leaseWaitMs: 10_000 });
        const sequences = [...journal.readFrom(1)].map((row) => row.sequence);
        expect(journal.leaseStatus().epoch).toBe(2 * round + 2);
        await journal.close();
        expect(sequences.length).toBeGreaterThanOrEqual(acknowledged);
        expect(sequences.slice(0, acknowledged)).toEqual(
          Array.from({ length: acknowledged }, (_, i) => i + 1),
        );
      }
    },
    60_000,
  );
});
