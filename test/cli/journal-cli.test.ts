import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { JOURNAL_SCHEMA_VERSION } from '../../src/journal/journal-schema.js';
import { SqliteJournal } from '../../src/journal/sqlite-journal.js';
import { exo, placeOrder, tempDir, urlOf } from './run-exo.js';

/** A sound journal file with two rows. */
async function journalWithRows(): Promise<string> {
  const path = join(tempDir(), 'journal.db');
  const journal = SqliteJournal.open(path);
  await journal.append({
    orderId: 'exo-1',
    kind: 'instruction_accepted',
    idempotencyKey: 'instr:exo-1:1',
    body: { msgType: 'new' },
  });
  await journal.append({
    orderId: 'exo-1',
    kind: 'order_completed',
    idempotencyKey: 'completed:exo-1',
    body: { status: 'filled' },
  });
  await journal.close();
  return path;
}

describe('exo and its journal', () => {
  it('journals to ./.exo/journal.db by default, creating the folder, and says where', async () => {
    const cwd = tempDir();
    const running = exo(['--port', '0', '--log-level', 'warn'], { EXO_JOURNAL: '' }, cwd);
    await urlOf(running);
    const path = join(cwd, '.exo', 'journal.db');
    expect(running.stderr()).toContain(`exo: journal ${path} (synchronous=FULL)`);
    expect(existsSync(path)).toBe(true);
    running.child.kill('SIGTERM');
    expect(await running.exited).toBe(0);
  });

  it('warns that --journal :memory: keeps nothing', async () => {
    const running = exo(['--port', '0', '--journal', ':memory:', '--log-level', 'warn']);
    await urlOf(running);
    expect(running.stderr()).toContain('--journal :memory: keeps nothing on disk');
    running.child.kill('SIGTERM');
    expect(await running.exited).toBe(0);
  });

  it('exits 2 naming the file and the reason for a corrupt journal, before serving anything', async () => {
    const path = join(tempDir(), 'corrupt.db');
    writeFileSync(path, 'this is not a database, just text that is long enough '.repeat(100));
    const refused = exo(['--port', '0', '--journal', path]);
    expect(await refused.exited).toBe(2);
    expect(refused.stderr()).toContain(`exo: journal ${path}: file is not a database`);
    expect(refused.stderr()).not.toContain('Dashboard');
    const checked = exo(['journal', 'check', path]);
    expect(await checked.exited).toBe(2);
    expect(checked.stderr()).toContain(`exo journal: journal ${path}: file is not a database`);
  });

  it('exits 2 naming the file and both versions for a journal of a newer schema', async () => {
    const path = await journalWithRows();
    const raw = new Database(path);
    raw.pragma(`user_version = ${JOURNAL_SCHEMA_VERSION + 1}`);
    raw.close();
    const refused = exo(['--port', '0', '--journal', path]);
    expect(await refused.exited).toBe(2);
    expect(refused.stderr()).toContain(
      `journal ${path}: schema version ${JOURNAL_SCHEMA_VERSION + 1} is newer than this exo supports (${JOURNAL_SCHEMA_VERSION})`,
    );
  });

  it('checks a journal (JSON report) and exports it as JSON lines, exit 0', async () => {
    const path = await journalWithRows();
    const checked = exo(['journal', 'check', path]);
    expect(await checked.exited).toBe(0);
    expect(JSON.parse(checked.stdout())).toMatchObject({
      path,
      integrity: 'ok',
      rows: 2,
      kinds: { instruction_accepted: 1, order_completed: 1 },
      liveOrders: 0,
    });
    const exported = exo(['journal', 'export', path]);
    expect(await exported.exited).toBe(0);
    const lines = exported
      .stdout()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((row) => [row.sequence, row.kind])).toEqual([
      [1, 'instruction_accepted'],
      [2, 'order_completed'],
    ]);
    expect(exported.stderr()).toContain('exported 2 rows');
    const usage = exo(['journal', 'verify', path]);
    expect(await usage.exited).toBe(2);
    expect(usage.stderr()).toContain('Usage: exo journal check PATH');
  });

  it('checks and exports the journal of a running exo beside it, and counts none of its own rows as an order', async () => {
    const path = join(tempDir(), 'journal.db');
    const running = exo(['--port', '0', '--log-level', 'warn', '--journal', path]);
    await urlOf(running);
    const checked = exo(['journal', 'check', path]);
    expect(await checked.exited).toBe(0);
    expect(JSON.parse(checked.stdout())).toMatchObject({
      integrity: 'ok',
      rows: 1,
      kinds: { recovery: 1 },
      orders: 0,
      liveOrders: 0,
    });
    const exported = exo(['journal', 'export', path]);
    expect(await exported.exited).toBe(0);
    expect(exported.stderr()).toContain('exported 1 rows');
    running.child.kill('SIGTERM');
    expect(await running.exited).toBe(0);
  });

  it('reads a journal while its writer holds it and goes on writing, and still refuses a second writer', async () => {
    const path = join(tempDir(), 'journal.db');
    const writer = SqliteJournal.open(path);
    try {
      const append = (orderId: string, kind: 'instruction_accepted' | 'order_completed') =>
        writer.append({ orderId, kind, idempotencyKey: `${kind}:${orderId}`, body: {} });
      await append('exo-1', 'instruction_accepted');
      await append('exo-1', 'order_completed');
      await append('exo-2', 'instruction_accepted');
      const checked = exo(['journal', 'check', path]);
      expect(await checked.exited).toBe(0);
      expect(JSON.parse(checked.stdout())).toMatchObject({ rows: 3, orders: 2, liveOrders: 1 });
      const exported = exo(['journal', 'export', path]);
      expect(await exported.exited).toBe(0);
      expect(exported.stdout().trim().split('\n')).toHaveLength(3);
      await expect(append('exo-2', 'order_completed')).resolves.toMatchObject({ sequence: 4 });
      expect(() => SqliteJournal.open(path)).toThrow(`journal ${path}: database is locked`);
    } finally {
      await writer.close();
    }
  });

  it('runs the standalone venue with exo venue, and stops it on SIGTERM with exit 0', async () => {
    const venue = exo(['venue', '--port', '0']);
    await expect.poll(() => venue.stdout(), { timeout: 15_000 }).toMatch(/listening on ws:\/\//);
    venue.child.kill('SIGTERM');
    expect(await venue.exited).toBe(0);
    expect(venue.stdout()).toContain('SIGTERM, closing');
  });

  it('trades against a standalone venue given with --venue', async () => {
    const venue = exo(['venue', '--port', '0', '--latency', '1', '--tick-rate', '200']);
    await expect.poll(() => venue.stdout(), { timeout: 15_000 }).toMatch(/listening on ws:\/\//);
    const venueUrl = /listening on (ws:\/\/\S+)/.exec(venue.stdout())![1]!;
    const running = exo([
      '--port',
      '0',
      '--venue',
      venueUrl,
      '--log-level',
      'warn',
      '--no-risk-limits',
    ]);
    const url = await urlOf(running);
    const orderId = await placeOrder(url, {
      side: 'buy',
      symbol: 'BTC-USD',
      quantity: '0.001',
      limitPrice: '1000000',
      algo: 'take',
    });
    // The venue owns matching and sends its own market data, which the algorithms price on:
    // the take fills there, on children that carry the venue's order IDs.
    await expect
      .poll(
        async () => {
          const order = (await (await fetch(`${url}/v1/orders/${orderId}`)).json()) as {
            status: string;
            children: { venueOrderId?: string }[];
          };
          return [order.status, order.children[0]?.venueOrderId ?? ''];
        },
        { timeout: 10_000 },
      )
      .toEqual(['filled', expect.stringMatching(/^paper-[0-9a-f]{16}-o\d+$/)]);
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toContain('exo_venue_connected{venue="remote"} 1');
    expect(metrics).toMatch(/^exo_venue_connections_total\{venue="remote"\} [1-9]/m);
    running.child.kill('SIGTERM');
    expect(await running.exited).toBe(0);
    venue.child.kill('SIGTERM');
    expect(await venue.exited).toBe(0);
  });
});
