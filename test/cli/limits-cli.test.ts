import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NO_LIMITS_WARNING_MS, warnWithoutLimits } from '../../src/cli/limits-reload.js';
import { SqliteJournal } from '../../src/journal/sqlite-journal.js';
import { tempDir } from './run-exo.js';
import { type InProcessExo, runMain } from './run-main.js';

let running: InProcessExo | undefined;
afterEach(async () => {
  running?.stop();
  await running?.exited;
  running = undefined;
  vi.useRealTimers();
});

async function until<T>(probe: () => Promise<T | undefined> | T | undefined): Promise<T> {
  for (let i = 0; i < 500; i++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('timed out');
}

async function limitsAt(url: string): Promise<unknown> {
  return (await fetch(`${url}/v1/limits`)).json();
}

describe('exo --limits', () => {
  it('exits 2 with one line against a live feed without limits', async () => {
    const exo = runMain(['--feed', 'coinbase'], { EXO_JOURNAL: ':memory:' });
    expect(await exo.exited).toBe(2);
    expect(exo.stderr()).toMatch(/^exo: --limits \(EXO_LIMITS\): required against a live feed/);
    expect(exo.stderr().trim().split('\n')).toHaveLength(1);
  });

  it('exits 2 naming the file, path and reason of a limits file that cannot be used', async () => {
    const file = join(tempDir(), 'bad.json');
    writeFileSync(file, JSON.stringify({ defaults: { maxOpenParents: 0 } }));
    const exo = runMain(['--limits', file], { EXO_JOURNAL: ':memory:' });
    expect(await exo.exited).toBe(2);
    expect(exo.stderr()).toContain(`${file}: defaults.maxOpenParents: expected a whole number`);
  });

  it('journals the file at start, reloads it on SIGHUP, and keeps the old limits when it breaks', async () => {
    const dir = tempDir();
    const file = join(dir, 'limits.yaml');
    const journal = join(dir, 'journal.db');
    writeFileSync(file, 'defaults:\n  maxParentQuantity: "5"\n');
    running = runMain(['--port', '0', '--limits', file], { EXO_JOURNAL: journal });
    const exo = running;
    const url = await until(() => /Dashboard: (http:\/\/\S+)\//.exec(exo.stderr())?.[1]);
    expect(await limitsAt(url)).toEqual({ defaults: { maxParentQuantity: '5' }, perSymbol: {} });

    writeFileSync(file, 'defaults:\n  maxParentQuantity: "7"\n');
    exo.reload();
    await until(async () => {
      const limits = (await limitsAt(url)) as { defaults: { maxParentQuantity: string } };
      return limits.defaults.maxParentQuantity === '7' ? true : undefined;
    });
    writeFileSync(file, 'defaults:\n  maxParentQuantity: 9\n');
    exo.reload();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await limitsAt(url)).toEqual({ defaults: { maxParentQuantity: '7' }, perSymbol: {} });
    exo.stop();
    expect(await exo.exited).toBe(0);
    running = undefined;

    const reader = SqliteJournal.open(journal);
    const rows = [...reader.readFrom(0)].filter((row) => row.kind === 'limits_changed');
    await reader.close();
    expect(rows.map((row) => row.body)).toEqual([
      { by: 'start', file, limits: { defaults: { maxParentQuantity: '5' }, perSymbol: {} } },
      { by: 'sighup', file, limits: { defaults: { maxParentQuantity: '7' }, perSymbol: {} } },
    ]);
  });
});

describe('--no-risk-limits', () => {
  it('warns at start and every hour', () => {
    vi.useFakeTimers();
    const lines: string[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => lines.push(line) });
    const stop = warnWithoutLimits(logger);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!).msg).toContain('WITHOUT risk limits');
    vi.advanceTimersByTime(NO_LIMITS_WARNING_MS - 1);
    expect(lines).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(lines).toHaveLength(2);
    stop();
    vi.advanceTimersByTime(NO_LIMITS_WARNING_MS);
    expect(lines).toHaveLength(2);
  });
});
