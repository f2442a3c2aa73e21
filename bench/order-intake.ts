import {
  CONCURRENCY,
  cpuSeconds,
  drive,
  liveOrders,
  loadAgent,
  postOrder,
  send,
  startExo,
  stopExo,
  TICK_RATE,
} from './exo-load.js';
import type { BenchResult } from './report.js';

const WARMUP = 2_000;
const ORDERS = 30_000;
const BASELINE_REQUESTS = 30_000;
/** How long the idle process's own CPU (the simulated market's ticks) is measured for. */
const IDLE_MS = 2_000;

/**
 * Orders accepted per second through `POST /v1/orders` on loopback, with the paper venue and the
 * simulated market running in a real `exo` process, and the p99 response time. The baseline in
 * the same run is `GET /healthz` through the same client: the HTTP floor on this machine.
 * Server CPU per order is given whole and net of what the process burns idle (the simulated
 * market ticks on regardless, so a run slowed by a busy machine would otherwise count more of it
 * per order); the server CPU per `/healthz` request says how fast the machine was in this run,
 * and the net CPU per order in those units compares runs on machines of other speeds.
 */
export async function orderIntake(): Promise<BenchResult[]> {
  // No disk: what the engine itself costs per order; order-intake-durable adds the journal.
  const exo = await startExo(['--journal', ':memory:']);
  const agent = loadAgent();
  try {
    const post = (i: number) => postOrder(agent, exo.url, i);
    const health = () => send(agent, exo.url, 'GET', '/healthz');
    await drive(WARMUP, post, 201);
    await drive(WARMUP, health, 200);
    const idleCpuPerS = await idleCpuPerSecond(exo.child.pid);
    const baselineCpu = await cpuUsPer(exo.child.pid, BASELINE_REQUESTS, () =>
      drive(BASELINE_REQUESTS, health, 200),
    );
    const baseline = baselineCpu.figures;
    const ordersCpu = await cpuUsPer(exo.child.pid, ORDERS, () => drive(ORDERS, post, 201));
    const orders = ordersCpu.figures;
    const liveAtEnd = await liveOrders(exo.url);
    const idleUsPerOrder =
      idleCpuPerS === undefined ? undefined : (idleCpuPerS * 1e6) / orders.perSecond;
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
        server_cpu_us_per_order: ordersCpu.us,
        server_cpu_us_per_order_net:
          ordersCpu.us === undefined || idleUsPerOrder === undefined
            ? undefined
            : ordersCpu.us - idleUsPerOrder,
        idle_cpu_share: idleCpuPerS,
        server_cpu_us_per_healthz: baselineCpu.us,
        order_cpu_in_healthz:
          ordersCpu.us === undefined || idleUsPerOrder === undefined || !baselineCpu.us
            ? undefined
            : (ordersCpu.us - idleUsPerOrder) / baselineCpu.us,
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

/** The share of a CPU the process uses with no requests, over IDLE_MS; undefined without procfs. */
async function idleCpuPerSecond(pid: number | undefined): Promise<number | undefined> {
  const before = cpuSeconds(pid);
  const started = performance.now();
  await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
  const after = cpuSeconds(pid);
  if (before === undefined || after === undefined) return undefined;
  return (after - before) / ((performance.now() - started) / 1000);
}

/** Runs `work`, and the server CPU it took per each of `count` requests, in µs. */
async function cpuUsPer<T>(
  pid: number | undefined,
  count: number,
  work: () => Promise<T>,
): Promise<{ figures: T; us: number | undefined }> {
  const before = cpuSeconds(pid);
  const figures = await work();
  const after = cpuSeconds(pid);
  const us =
    before === undefined || after === undefined ? undefined : ((after - before) * 1e6) / count;
  return { figures, us };
}
