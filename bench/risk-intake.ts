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

/** Orders sent to each side before measuring: the server's CPU per order falls for the first ~5,000. */
const WARMUP = 3_000;
/**
 * Orders a round, per side, so the sides sit close: a quarter to a third of a second here on
 * 2026-12-07 (3,000–4,500 orders/s). Rounds of 3,000 gave the same spread (on/off 0.93–0.95, the
 * twins 1.01–1.13, three runs), so the shorter round stays.
 */
const ORDERS = 1_000;
const ROUNDS = 7;
const GOAL_RATIO = 0.95;

/** One of the exo processes compared, and how many orders it has been sent. */
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

/** The exo processes compared: limits off, on, and a second one off (see riskIntake). */
const SIDES = ['off', 'on', 'twin'] as const;
type SideName = (typeof SIDES)[number];

/**
 * The order-intake benchmark (`POST /v1/orders` into a running exo, `:memory:` journal, paper
 * venue and simulated market), limits on against off in the same run: an exo process started with
 * `--limits` on a file of every rule (intakeLimits, none binding), one without, and a second one
 * without, all up throughout and driven in turn, round after round; each round waits until its
 * exo has no live order left, so no backlog spills into the next. Two identical processes differ
 * on this shared machine by more than the checks cost (about 3 % of the server's CPU per order,
 * by profile), so "off" is both processes without limits, their mean a round, and the ratio of
 * the twin to the first, the same run's noise floor, says how far to trust on/off. Each ratio is
 * the median of the rounds' ratios. A refused or delayed order or child, or an order not
 * accepted, throws: it would compare different work.
 */
export async function riskIntake(): Promise<BenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'exo-bench-risk-'));
  const file = join(dir, 'limits.json');
  writeFileSync(file, JSON.stringify(limitsToJSON(intakeLimits())));
  const starts = await Promise.allSettled(
    SIDES.map((name) =>
      startExo(['--journal', ':memory:', ...(name === 'on' ? ['--limits', file] : [])]),
    ),
  );
  const started = starts.flatMap((start) =>
    start.status === 'fulfilled' ? [{ exo: start.value, agent: loadAgent(), sent: 0 }] : [],
  );
  try {
    const failed = starts.find((start) => start.status === 'rejected');
    if (failed !== undefined) throw failed.reason;
    const sides = Object.fromEntries(SIDES.map((name, i) => [name, started[i]!])) as Record<
      SideName,
      Side
    >;
    for (const name of SIDES) await run(sides[name], WARMUP);
    const rounds = await interleaved(ROUNDS, SIDES, (name) => run(sides[name], ORDERS));
    await refuseRefusals(sides.on, Object.values(rounds).flat());
    const figures = (figure: keyof Round) => {
      const of = (name: SideName) => rounds[name].map((round) => round[figure]);
      const off = of('off').map((value, round) => (value + of('twin')[round]!) / 2);
      return { on: of('on'), off, noise: medianRatio(of('twin'), of('off')) };
    };
    const [rate, cpu, p99] = [figures('perSecond'), figures('cpuUsPerOrder'), figures('p99Us')];
    const ratio = medianRatio(rate.on, rate.off);
    return {
      bench: 'risk-intake',
      limits_on_orders_per_s: median(rate.on),
      limits_off_orders_per_s: median(rate.off),
      intake_ratio_on_off: ratio,
      goal_ratio_on_off: GOAL_RATIO,
      goal_met: ratio >= GOAL_RATIO,
      noise_ratio_twin_off: rate.noise,
      limits_on_p99_us: median(p99.on),
      limits_off_p99_us: median(p99.off),
      limits_on_cpu_us_per_order: median(cpu.on),
      limits_off_cpu_us_per_order: median(cpu.off),
      cpu_ratio_on_off: medianRatio(cpu.on, cpu.off),
      noise_cpu_ratio_twin_off: cpu.noise,
      tick_rate: TICK_RATE,
      concurrency: CONCURRENCY,
      orders: ORDERS * ROUNDS,
    };
  } finally {
    for (const side of started) side.agent.destroy();
    await Promise.all(started.map((side) => stopExo(side.exo.child)));
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
  // The refusal and delay counters; the gauges of where exo stands are always there.
  const risk = metrics
    .split('\n')
    .filter((line) => /^exo_risk_(refusals|delays)_total\{/.test(line));
  if (risk.length > 0) throw new Error(`the benchmark's orders must pass: ${risk.join(', ')}`);
}
