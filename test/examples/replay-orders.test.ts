import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import type { ReplayReport } from '../../src/report/index.js';
import { exo, tempDir } from '../cli/run-exo.js';

const ORDERS = fileURLToPath(new URL('../../examples/replay-orders.json', import.meta.url));

/** Runs `exo ARGS` in `dir` to its end. */
async function run(args: string[], dir: string) {
  const child = exo(args, {}, dir);
  const status = await child.exited;
  return { status, stdout: child.stdout(), stderr: child.stderr() };
}

it("the README's record and replay commands, with examples/replay-orders.json, fill every order", async () => {
  const dir = tempDir();
  const recorded = await run(
    ['record', '--feed', 'sim', '--seed', '1', '--events', '200000', '--out', 'day.exo'],
    dir,
  );
  expect(recorded.status).toBe(0);
  const args = ['--orders', ORDERS, '--report', 'out.html', '--json', 'out.json'];
  const replayed = await run(['replay', 'day.exo', ...args], dir);
  expect([replayed.status, replayed.stderr]).toEqual([0, '']);
  const report = JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')) as ReplayReport;
  const orders = JSON.parse(readFileSync(ORDERS, 'utf8')) as { id: string; quantity: string }[];
  expect(report.orders.map((o) => [o.ref, o.filled])).toEqual(
    orders.map((o) => [o.id, o.quantity]),
  );
  for (const order of orders) expect(replayed.stdout).toContain(order.id);
}, 60_000);
