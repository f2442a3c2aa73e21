import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import hdr from 'hdr-histogram-js';
import type { BenchResult } from './report.js';

const EXO = fileURLToPath(new URL('../src/cli/exo.ts', import.meta.url));
/** Requests in flight at once, each on its own keep-alive connection. */
const CONCURRENCY = 32;
const WARMUP = 2_000;
const ORDERS = 20_000;
/** As in order-intake: enough liquidity for the marketable orders to fill and complete. */
const TICK_RATE = 1_000;

/** Small marketable `take` orders, as in order-intake. */
const BODIES = [
  { side: 'buy', symbol: 'BTC-USD', quantity: '0.001', limitPrice: '1000000', algo: 'take' },
  { side: 'sell', symbol: 'ETH-USD', quantity: '0.01', limitPrice: '1', algo: 'take' },
  { side: 'buy', symbol: 'SOL-USD', quantity: '0.1', limitPrice: '100000', algo: 'take' },
].map((body) => JSON.stringify(body));

interface IntakeFigures {
  readonly perSecond: number;
  readonly p50Us: number;
  readonly p99Us: number;
  readonly failures: number;
}

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
async function measure(journal: string): Promise<IntakeFigures> {
  const exo = await startExo(journal);
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  try {
    const post = (i: number) => send(agent, exo.url, BODIES[i % BODIES.length]!);
    await drive(WARMUP, post);
    return await drive(ORDERS, post);
  } finally {
    agent.destroy();
    await stopExo(exo.child);
  }
}

/** Runs `count` requests, `CONCURRENCY` at a time, timing each; counts answers other than 201. */
async function drive(count: number, call: (i: number) => Promise<number>): Promise<IntakeFigures> {
  const latencyUs = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000 });
  let next = 0;
  let failures = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const i = next++;
      const sent = process.hrtime.bigint();
      const status = await call(i);
      latencyUs.recordValue(Math.max(1, Number((process.hrtime.bigint() - sent) / 1000n)));
      if (status !== 201) failures++;
    }
  };
  const start = process.hrtime.bigint();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const figures = {
    perSecond: count / seconds,
    p50Us: latencyUs.getValueAtPercentile(50),
    p99Us: latencyUs.getValueAtPercentile(99),
    failures,
  };
  latencyUs.destroy();
  return figures;
}

/** One POST on a keep-alive connection; resolves with the status once the body is read. */
function send(agent: Agent, base: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${base}/v1/orders`,
      { agent, method: 'POST', headers: { 'content-type': 'application/json' } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Starts `exo` on an ephemeral port with quiet logs and the journal given. */
function startExo(journal: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      EXO,
      '--port',
      '0',
      '--log-level',
      'warn',
      '--latency',
      '1',
      '--tick-rate',
      String(TICK_RATE),
      '--journal',
      journal,
      '--journal-sync',
      'full',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`exo did not start: ${text}`)), 20_000);
    child.stderr?.on('data', (chunk) => {
      text += chunk;
      const match = /Dashboard: (http:\/\/\S+)\//.exec(text);
      if (match !== null) {
        clearTimeout(timer);
        resolve({ child, url: match[1]! });
      }
    });
    child.on('exit', (code) => reject(new Error(`exo exited with ${code}: ${text}`)));
  });
}

function stopExo(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.on('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
