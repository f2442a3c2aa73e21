import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { fileURLToPath } from 'node:url';
import hdr from 'hdr-histogram-js';

const EXO = fileURLToPath(new URL('../src/cli/exo.ts', import.meta.url));
/** Requests in flight at once, each on its own keep-alive connection. */
export const CONCURRENCY = 32;
/**
 * Quotes and trades per second per simulated symbol. At the default 20/s thousands of marketable
 * orders outrun the touch's size and pile up as live orders retrying on every quote, so a run
 * would measure that backlog, not intake; at this rate the venue's liquidity keeps up.
 */
export const TICK_RATE = 1_000;
/**
 * How long exo may take to print its URL. Loading the sources through tsx takes 2–5 s on a quiet
 * machine; at a load average of 8 a risk run once missed a 20 s limit.
 */
const START_TIMEOUT_MS = 60_000;

/** The orders sent: small marketable `take` orders that fill and complete against the paper venue. */
const ORDER_BODIES = [
  { side: 'buy', symbol: 'BTC-USD', quantity: '0.001', limitPrice: '1000000', algo: 'take' },
  { side: 'sell', symbol: 'ETH-USD', quantity: '0.01', limitPrice: '1', algo: 'take' },
  { side: 'buy', symbol: 'SOL-USD', quantity: '0.1', limitPrice: '100000', algo: 'take' },
].map((body) => JSON.stringify(body));

/** A timed run of requests: rate, latency percentiles, and answers other than the expected. */
export interface RunFigures {
  readonly perSecond: number;
  readonly p50Us: number;
  readonly p99Us: number;
  readonly failures: number;
}

/** A running exo process and its URL. */
export interface RunningExo {
  readonly child: ChildProcess;
  readonly url: string;
}

/**
 * Runs `count` requests, `CONCURRENCY` at a time, timing each; counts answers other than
 * `expected`. With `budgetMs`, no request starts after that long (a run bounded in time, not
 * count); the rate is of the requests answered.
 */
export async function drive(
  count: number,
  call: (i: number) => Promise<number>,
  expected: number,
  budgetMs = Number.POSITIVE_INFINITY,
): Promise<RunFigures> {
  const latencyUs = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000 });
  let next = 0;
  let failures = 0;
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(Math.min(Math.round(budgetMs * 1e6), Number.MAX_SAFE_INTEGER));
  const worker = async (): Promise<void> => {
    while (next < count && process.hrtime.bigint() < deadline) {
      const i = next++;
      const sent = process.hrtime.bigint();
      const status = await call(i);
      latencyUs.recordValue(Math.max(1, Number((process.hrtime.bigint() - sent) / 1000n)));
      if (status !== expected) failures++;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const figures = {
    perSecond: next / seconds,
    p50Us: latencyUs.getValueAtPercentile(50),
    p99Us: latencyUs.getValueAtPercentile(99),
    failures,
  };
  latencyUs.destroy();
  return figures;
}

/** One request on a keep-alive connection; resolves with the status once the body is read. */
export function send(
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

/** Posts the `i`th order (ORDER_BODIES, round and round) to `/v1/orders`; resolves with the status. */
export function postOrder(agent: Agent, base: string, i: number): Promise<number> {
  return send(agent, base, 'POST', '/v1/orders', ORDER_BODIES[i % ORDER_BODIES.length]);
}

/** A keep-alive HTTP agent sized for `CONCURRENCY`. */
export function loadAgent(): Agent {
  return new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
}

/**
 * Starts `exo` on an ephemeral port with quiet logs, a 1 ms paper venue at `TICK_RATE`, and the
 * extra arguments given (a journal), and waits for the URL it prints.
 */
export function startExo(extra: readonly string[]): Promise<RunningExo> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      EXO,
      ...['--port', '0', '--log-level', 'warn', '--latency', '1'],
      ...['--tick-rate', String(TICK_RATE), ...extra],
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(
      () => reject(new Error(`exo did not start: ${text}`)),
      START_TIMEOUT_MS,
    );
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

/** Stops exo with SIGTERM and waits for it to exit. */
export function stopExo(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.on('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/**
 * The CPU time a process has used so far, in seconds: the time on a CPU of each of its threads,
 * in nanoseconds from `/proc/<pid>/task/<tid>/schedstat` (the ticks of `/proc/<pid>/stat`, 10 ms,
 * are too coarse for a round of a second or two); undefined where there is no procfs.
 */
export function cpuSeconds(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  let tasks: string[];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return undefined;
  }
  let ns = 0;
  for (const task of tasks) {
    try {
      ns += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      // A thread that ended since the listing: its time is gone with it.
    }
  }
  return ns / 1e9;
}

/** How many orders the engine is still working, from `/healthz`: the backlog a run left. */
export async function liveOrders(base: string): Promise<number> {
  const response = await fetch(`${base}/healthz`);
  const body = (await response.json()) as { liveOrders: number };
  return body.liveOrders;
}
