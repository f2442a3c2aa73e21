import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { summarizeTicks } from '../../src/ticks/index.js';
import { exo, tempDir } from './run-exo.js';
import { runMain } from './run-main.js';

/** `exo` run in this process to its end: exit status and what it printed. */
async function run(argv: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk) => {
    out += chunk;
  });
  stderr.on('data', (chunk) => {
    err += chunk;
  });
  const status = await main({ argv, env: {}, stdout, stderr, onSignal: () => {} });
  return { status, stdout: out, stderr: err };
}

describe('exo record, cat and info', () => {
  it('record --feed sim writes the same file, byte for byte, in two processes', async () => {
    const dir = tempDir();
    const files = [join(dir, 'a.exo'), join(dir, 'b.exo')];
    const runs = files.map((out) =>
      exo(['record', '--feed', 'sim', '--seed', '7', '--events', '20000', '--out', out]),
    );
    expect(await Promise.all(runs.map((r) => r.exited))).toEqual([0, 0]);
    expect(runs[0]!.stderr()).toBe(`exo record: 20000 events to ${files[0]}\n`);
    expect(readFileSync(files[0]!).equals(readFileSync(files[1]!))).toBe(true);
    const other = join(dir, 'c.exo');
    await run(['record', '--seed', '8', '--events', '20000', '--out', other]);
    expect(readFileSync(other).equals(readFileSync(files[0]!))).toBe(false);
  });

  it('cat prints the header and every event as JSON lines; info counts and verifies', async () => {
    const file = join(tempDir(), 'ticks.exo');
    expect(
      (await run(['record', '--events', '5000', '--symbols', 'BTC-USD,SOL-USD', '--out', file]))
        .status,
    ).toBe(0);
    const cat = await run(['cat', file]);
    expect(cat.status).toBe(0);
    const lines = cat.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines[0]).toMatchObject({ format: 'exo-ticks', version: 1, feed: 'sim', seed: 1 });
    expect(lines).toHaveLength(5001);
    expect(new Set(lines.slice(1).map((event) => event.symbol))).toEqual(
      new Set(['BTC-USD', 'SOL-USD']),
    );
    const info = await run(['info', file]);
    expect(info.status).toBe(0);
    const summary = JSON.parse(info.stdout) as Awaited<ReturnType<typeof summarizeTicks>>;
    const kinds = { quote: 0, trade: 0, symbol: 0, gap: 0 };
    for (const event of lines.slice(1)) kinds[event.kind as keyof typeof kinds]++;
    expect(summary.kinds).toEqual(kinds);
    expect(summary.events).toBe(5000);
    expect(summary.span?.fromUs).toBe(lines[1]!.recvUs);
    expect(summary.span?.toUs).toBe(lines[5000]!.recvUs);
    // What cat prints reads back as the same recording.
    const jsonl = join(tempDir(), 'ticks.jsonl');
    writeFileSync(jsonl, cat.stdout);
    expect((await run(['cat', jsonl])).stdout).toBe(cat.stdout);
  });

  it('info exits non-zero with the error naming the block of a corrupted file', async () => {
    const file = join(tempDir(), 'bad.exo');
    await run(['record', '--events', '10000', '--out', file]);
    const bytes = readFileSync(file);
    const first = bytes.indexOf(10) + 1;
    bytes[first + 40]! ^= 0x55;
    writeFileSync(file, bytes);
    const info = await run(['info', file]);
    expect(info.status).toBe(2);
    expect(info.stderr).toMatch(
      new RegExp(`^exo info: ${file}: block 0 at byte ${first}: CRC-32 mismatch`),
    );
  });

  it('a bad flag exits 2 with one line', async () => {
    for (const argv of [
      ['record', '--feed', 'nope', '--out', 'x.exo'],
      ['record', '--out', 'x.exo'],
      ['record', '--events', 'ten', '--out', 'x.exo'],
      ['record', '--events', '5', '--duration', '1s', '--out', 'x.exo'],
      ['record', '--events', '5', '--symbols', 'xrp-usd', '--out', 'x.exo'],
      ['cat'],
      ['info', 'a', 'b'],
    ]) {
      const result = await run(argv);
      expect(result.status, argv.join(' ')).toBe(2);
      expect(result.stderr.trimEnd().split('\n'), argv.join(' ')).toHaveLength(1);
    }
  });

  it("exo --record records the engine's market data and closes the file on a signal", async () => {
    const file = join(tempDir(), 'engine.exo');
    const running = runMain(
      ['--port', '0', '--journal', ':memory:', '--tick-rate', '2000', '--record', file],
      {},
    );
    await expect.poll(() => running.stderr(), { timeout: 20_000 }).toMatch(/Stop: Ctrl-C/);
    // A block reaches the file within a second (the writer's flush) of the first ticks.
    const header = () => readFileSync(file).indexOf(10) + 1;
    await expect
      .poll(() => readFileSync(file).length, { timeout: 20_000 })
      .toBeGreaterThan(header());
    running.stop();
    expect(await running.exited).toBe(0);
    const summary = await summarizeTicks(file);
    expect(summary.truncated).toBe(false);
    expect(summary.kinds.symbol).toBe(3);
    expect(summary.kinds.quote + summary.kinds.trade).toBeGreaterThan(0);
  });
});
