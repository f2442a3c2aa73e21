import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { limitsToJSON } from '../src/risk/limits-file.js';
import type { RiskLimits } from '../src/risk/risk-limits.js';
import {
  CONCURRENCY,
  cpuSeconds,
  drive,
  liveOrders,
  loadAgent,
  postOrder,
  type RunningExo,
  startExo,
  stopExo,
  TICK_RATE,
} from './exo-load.js';
import { interleaved, medianRatio } from './interleaved.js';
import { type BenchResult, median } from './report.js';
import { allRulesOn } from './risk-limits-on.js';

/** Orders sent to each side before measuring: the server's CPU per order settles after ~5,000. */
const WARMUP = 5_000;
/** Orders a round, per side: about a second at this machine's rate, so the pairs sit close. */
const ORDERS = 1_000;
const ROUNDS = 9;
const GOAL_RATIO = 0.95;

/** One of the two exo processes compared, and how many orders it has been sent. */
interface Side {
  readonly exo: RunningExo;
  readonly agent: Agent;
  sent: number;
}

/** What one round measured of one side. */
interface Round {
  readonly perSecond: number;
  readonly p99Us: number;
  /** Server CPU per order; NaN where there is no procfs. */
  readonly cpuUsPerOrder: number;
  readonly failures: number;
}

/**
 * allRulesOn but the duplicate detector, which compares the children of every parent: this load's
 * takes come in one size a symbol and act on the same quotes, so equal children of different
 * parents meet within a millisecond, its smallest window (on 2026-12-05, 5,297 of 6,000 parents
 * were refused so). Those refusals would compare different work; the detector's cost is in
 * risk-child-checks and risk-child-path.
 */
function intakeLimits(): RiskLimits {
  const limits = allRulesOn();
  const { duplicateWindowMs: _, ...defaults } = limits.defaults;
  return { ...limits, defaults };
}

/**
 * The order-intake benchmark (`POST /v1/orders` into a running exo, `:memory:` journal, paper
 * venue and simulated market), limits on against off in the same run: two exo processes, one
 * started with `--limits` on a file of every rule (intakeLimits, none binding), one without, both
 * up throughout, driven in alternate rounds; each round waits until its exo has no live order
 * left, so no backlog spills into the other's round. The ratio is the median of the rounds'
 * ratios. A refused or delayed order or child, or an order not accepted, throws: it would
 * compare different work.
 */
export async function riskIntake(): Promise<BenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'exo-bench-risk-'));
  const file = join(dir, 'limits.json');
  writeFileSync(file, JSON.stringify(limitsToJSON(intakeLimits())));
  const starts = await Promise.allSettled([
    startExo(['--journal', ':memory:']),
    startExo(['--journal', ':memory:', '--limits', file]),
  ]);
  const sides = starts.flatMap((start) =>
    start.status === 'fulfilled' ? [{ exo: start.value, agent: loadAgent(), sent: 0 }] : [],
  );
  try {
    const [off, on] = sides;
    if (off === undefined || on === undefined) {
      const failed = starts.find((start) => start.status === 'rejected');
      throw failed?.reason ?? new Error('exo did not start');
    }
    await run(off, WARMUP);
    await run(on, WARMUP);
    const rounds = await interleaved(ROUNDS, (limited) => run(limited ? on : off, ORDERS));
    await refuseRefusals(on, [...rounds.on, ...rounds.off]);
    const perSecond = {
      on: rounds.on.map((r) => r.perSecond),
      off: rounds.off.map((r) => r.perSecond),
    };
    const cpu = {
      on: rounds.on.map((r) => r.cpuUsPerOrder),
      off: rounds.off.map((r) => r.cpuUsPerOrder),
    };
    const ratio = medianRatio(perSecond);
    return {
      bench: 'risk-intake',
      limits_on_orders_per_s: median(perSecond.on),
      limits_off_orders_per_s: median(perSecond.off),
      intake_ratio_on_off: ratio,
      goal_ratio_on_off: GOAL_RATIO,
      goal_met: ratio >= GOAL_RATIO,
      limits_on_p99_us: median(rounds.on.map((r) => r.p99Us)),
      limits_off_p99_us: median(rounds.off.map((r) => r.p99Us)),
      limits_on_cpu_us_per_order: median(cpu.on),
      limits_off_cpu_us_per_order: median(cpu.off),
      cpu_ratio_on_off: medianRatio(cpu),
      tick_rate: TICK_RATE,
      concurrency: CONCURRENCY,
      orders: ORDERS * ROUNDS,
    };
  } finally {
    for (const side of sides) side.agent.destroy();
    await Promise.all(sides.map((side) => stopExo(side.exo.child)));
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Sends `orders` orders to a side, timed, then waits until it works none. */
async function run(side: Side, orders: number): Promise<Round> {
  const { exo, agent } = side;
  const first = side.sent;
  side.sent += orders;
  const cpuBefore = cpuSeconds(exo.child.pid);
  const figures = await drive(orders, (i) => postOrder(agent, exo.url, first + i), 201);
  const cpuAfter = cpuSeconds(exo.child.pid);
  await drained(exo.url);
  return {
    perSecond: figures.perSecond,
    p99Us: figures.p99Us,
    cpuUsPerOrder:
      cpuBefore === undefined || cpuAfter === undefined
        ? Number.NaN
        : ((cpuAfter - cpuBefore) * 1e6) / orders,
    failures: figures.failures,
  };
}

/** Waits until exo works no order, polling `/healthz`; throws after 10 s. */
async function drained(base: string): Promise<void> {
  const until = Date.now() + 10_000;
  for (let live = await liveOrders(base); live > 0; live = await liveOrders(base)) {
    if (Date.now() > until) throw new Error(`exo still works ${live} orders 10 s after a round`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Throws when an order was not accepted, or the limited exo refused or delayed anything. */
async function refuseRefusals(limited: Side, rounds: readonly Round[]): Promise<void> {
  const failures = rounds.reduce((sum, round) => sum + round.failures, 0);
  if (failures > 0) throw new Error(`${failures} of the benchmark's orders were not accepted`);
  const metrics = await (await fetch(`${limited.exo.url}/metrics`)).text();
  const risk = metrics.split('\n').filter((line) => line.startsWith('exo_risk_'));
  if (risk.length > 0) throw new Error(`the benchmark's orders must pass: ${risk.join(', ')}`);
}
