import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { fileURLToPath } from 'node:url';
import hdr from 'hdr-histogram-js';
import type { BenchResult } from './report.js';

const EXO = fileURLToPath(new URL('../src/cli/exo.ts', import.meta.url));
/** Requests in flight at once, each on its own keep-alive connection. */
const CONCURRENCY = 32;
const WARMUP = 2_000;
const ORDERS = 30_000;
const BASELINE_REQUESTS = 30_000;
/**
 * Quotes and trades per second per simulated symbol. At the default 20/s the 30,000 marketable
 * orders outrun the touch's size and pile up as live orders retrying on every quote, so the run
 * would measure that backlog, not intake; at this rate the venue's liquidity keeps up.
 */
const TICK_RATE = 1_000;

/** The orders sent: small marketable `take` orders that fill and complete against the paper venue. */
const BODIES = [
  { side: 'buy', symbol: 'BTC-USD', quantity: '0.001', limitPrice: '1000000', algo: 'take' },
  { side: 'sell', symbol: 'ETH-USD', quantity: '0.01', limitPrice: '1', algo: 'take' },
  { side: 'buy', symbol: 'SOL-USD', quantity: '0.1', limitPrice: '100000', algo: 'take' },
].map((body) => JSON.stringify(body));

interface RunFigures {
  readonly perSecond: number;
  readonly p50Us: number;
  readonly p99Us: number;
  readonly failures: number;
}

/**
 * Orders accepted per second through `POST /v1/orders` on loopback, with the paper venue and the
 * simulated market running in a real `exo` process, and the p99 response time. The baseline in
 * the same run is `GET /healthz` through the same client: the HTTP floor on this machine.
 */
export async function orderIntake(): Promise<BenchResult[]> {
  const exo = await startExo();
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  try {
    const post = (i: number) =>
      send(agent, exo.url, 'POST', '/v1/orders', BODIES[i % BODIES.length]);
    const health = () => send(agent, exo.url, 'GET', '/healthz');
    await drive(WARMUP, post, 201);
    await drive(WARMUP, health, 200);
    const baseline = await drive(BASELINE_REQUESTS, health, 200);
    const cpuBefore = cpuSeconds(exo.child.pid);
    const orders = await drive(ORDERS, post, 201);
    const cpuAfter = cpuSeconds(exo.child.pid);
    const liveAtEnd = await liveOrders(exo.url);
    return [
      {
        bench: 'order-intake',
        orders_per_s: orders.perSecond,
        p50_us: orders.p50Us,
        p99_us: orders.p99Us,
        failures: orders.failures,
        baseline_healthz_per_s: baseline.perSecond,
        baseline_p99_us: baseline.p99Us,
        ratio_to_baseline: orders.perSecond / baseline.perSecond,
        server_cpu_us_per_order:
          cpuBefore === undefined || cpuAfter === undefined
            ? undefined
            : ((cpuAfter - cpuBefore) * 1e6) / ORDERS,
        live_orders_at_end: liveAtEnd,
        tick_rate: TICK_RATE,
        concurrency: CONCURRENCY,
        orders: ORDERS,
      },
    ];
  } finally {
    agent.destroy();
    await stopExo(exo.child);
  }
}

/** Runs `count` requests, `CONCURRENCY` at a time, timing each; counts answers other than `expected`. */
async function drive(
  count: number,
  call: (i: number) => Promise<number>,
  expected: number,
): Promise<RunFigures> {
  const latencyUs = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000 });
  let next = 0;
  let failures = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const i = next++;
      const sent = process.hrtime.bigint();
      const status = await call(i);
      latencyUs.recordValue(Math.max(1, Number((process.hrtime.bigint() - sent) / 1000n)));
      if (status !== expected) failures++;
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

/**
 * The CPU time (user + system) a process has used, from `/proc/<pid>/stat`; undefined where there
 * is no procfs. Ticks are taken as the usual 100 per second.
 */
function cpuSeconds(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name; utime and stime are the 14th and 15th overall.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

/** How many orders the engine is still working, from `/healthz`: the backlog the run left. */
async function liveOrders(base: string): Promise<number> {
  const response = await fetch(`${base}/healthz`);
  const body = (await response.json()) as { liveOrders: number };
  return body.liveOrders;
}

/** One request on a keep-alive connection; resolves with the status once the body is read. */
function send(
  agent: Agent,
  base: string,
  method: string,
  path: string,
  body?: string,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${base}${path}`,
      {
        agent,
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Starts `exo` on an ephemeral port with quiet logs and waits for the URL it prints. */
function startExo(): Promise<{ child: ChildProcess; url: string }> {
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
