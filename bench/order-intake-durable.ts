import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CONCURRENCY,
  drive,
  loadAgent,
  postOrder,
  type RunFigures,
  startExo,
  stopExo,
} from './exo-load.js';
import type { BenchResult } from './report.js';

const WARMUP = 2_000;
const ORDERS = 20_000;

/**
 * `POST /v1/orders` through a real `exo` process journaling to a file with synchronous=FULL
 * (every instruction, child intent, report and fill fsynced before it takes effect), against the
 * same process with `--journal :memory:`, in the same run: the rates and their ratio, which is
 * what durability costs at intake.
 */
export async function orderIntakeDurable(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'exo-bench-'));
  try {
    const memory = await measure(':memory:');
    const full = await measure(join(dir, 'journal.db'));
    return [
      {
        bench: 'order-intake-durable',
        full_orders_per_s: full.perSecond,
        full_p50_us: full.p50Us,
        full_p99_us: full.p99Us,
        memory_orders_per_s: memory.perSecond,
        memory_p50_us: memory.p50Us,
        memory_p99_us: memory.p99Us,
        ratio_full_to_memory: full.perSecond / memory.perSecond,
        failures: full.failures + memory.failures,
        concurrency: CONCURRENCY,
        orders: ORDERS,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Starts exo journaling to `journal`, warms it up, and times ORDERS new orders. */
async function measure(journal: string): Promise<RunFigures> {
  const exo = await startExo(['--journal', journal, '--journal-sync', 'full']);
  const agent = loadAgent();
  try {
    const post = (i: number) => postOrder(agent, exo.url, i);
    await drive(WARMUP, post, 201);
    return await drive(ORDERS, post, 201);
  } finally {
    agent.destroy();
    await stopExo(exo.child);
  }
}
