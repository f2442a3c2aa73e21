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

/**
 * Orders accepted per second through `POST /v1/orders` on loopback, with the paper venue and the
 * simulated market running in a real `exo` process, and the p99 response time. The baseline in
 * the same run is `GET /healthz` through the same client: the HTTP floor on this machine.
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
