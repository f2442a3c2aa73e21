import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { IN_MEMORY } from '../../src/journal/journal-schema.js';
import { SqliteJournal } from '../../src/journal/sqlite-journal.js';
import { tempDir } from './run-exo.js';
import { runMain } from './run-main.js';

let blocker: Server | undefined;
afterEach(async () => {
  await new Promise((resolve) =>
    blocker === undefined ? resolve(undefined) : blocker.close(resolve),
  );
  blocker = undefined;
});

/** A port something else listens on. */
async function busyPort(): Promise<number> {
  const server = createServer();
  blocker = server;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** Runs exo in process until it returns, with what it wrote to stderr. */
async function runExo(
  argv: string[],
  journal: string,
): Promise<{ status: number; stderr: string }> {
  const exo = runMain(argv, { EXO_JOURNAL: journal });
  return { status: await exo.exited, stderr: exo.stderr() };
}

describe('a start that fails on a port in use', () => {
  it('exits 1 with one line and leaves no journal file or folder it created', async () => {
    const port = await busyPort();
    const journal = join(tempDir(), 'new', 'deeper', 'journal.db');
    const { status, stderr } = await runExo(['--port', String(port)], journal);
    expect(status).toBe(1);
    expect(stderr).toMatch(/^exo: [^\n]*EADDRINUSE[^\n]*\n$/);
    expect(existsSync(join(journal, '..', '..'))).toBe(false);
  });

  it('keeps a journal that was there before, and a folder something else wrote to', async () => {
    const port = await busyPort();
    const dir = tempDir();
    const journal = join(dir, 'journal.db');
    await SqliteJournal.open(journal).close();
    expect((await runExo(['--port', String(port)], journal)).status).toBe(1);
    expect(existsSync(journal)).toBe(true);

    const shared = join(dir, 'shared');
    mkdirSync(shared);
    writeFileSync(join(shared, 'other'), '');
    const fresh = join(shared, 'journal.db');
    expect((await runExo(['--port', String(port)], fresh)).status).toBe(1);
    expect(existsSync(fresh)).toBe(false);
    expect(existsSync(join(shared, 'other'))).toBe(true);
  });
});

describe('a start with --record', () => {
  it('that fails on a port in use exits 1 and leaves no recording it created', async () => {
    const port = await busyPort();
    const dir = tempDir();
    const record = join(dir, 'rec.exo');
    const journal = join(dir, 'journal.db');
    const { status } = await runExo(['--record', record, '--port', String(port)], journal);
    expect(status).toBe(1);
    expect(existsSync(record)).toBe(false);
    // A recording that was there before is overwritten (as `exo record --out` does), not removed.
    writeFileSync(record, 'an earlier recording');
    expect((await runExo(['--record', record, '--port', String(port)], journal)).status).toBe(1);
    expect(existsSync(record)).toBe(true);
  });

  it('that succeeds leaves a recording exo info verifies once stopped', async () => {
    const record = join(tempDir(), 'rec.exo');
    const running = runMain(['--record', record, '--port', '0'], { EXO_JOURNAL: IN_MEMORY });
    await expect.poll(() => running.stderr(), { timeout: 20_000 }).toMatch(/Stop: Ctrl-C/);
    running.stop();
    expect(await running.exited).toBe(0);
    const info = runMain(['info', record], {});
    expect(await info.exited).toBe(0);
  });
});
