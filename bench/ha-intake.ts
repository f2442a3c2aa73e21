import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { CONCURRENCY, drive, loadAgent, postOrder, type RunFigures, send } from './exo-load.js';
import { ensureBuilt, kill9, printed, startExo } from './failover-process.js';
import { type IntakeSetup, SHARD_COUNT, SYMBOLS, startSetup } from './ha-intake-setup.js';
import { medianRatio } from './interleaved.js';
import { type BenchResult, median } from './report.js';

/** Rounds of every setup, and how long each measures orders: the bench's size, overridable. */
const ROUNDS = Number(process.env.EXO_BENCH_HA_INTAKE_ROUNDS ?? 3);
const ORDERS_MS = Number(process.env.EXO_BENCH_HA_INTAKE_MS ?? 3_000);
/**
 * No round starts once another would end past this (the first always runs): with the setups'
 * starts (each spawns its processes afresh) a round takes ~80 s at load ≈ 10, so two rounds.
 */
const BUDGET_MS = Number(process.env.EXO_BENCH_HA_INTAKE_BUDGET_MS ?? 180_000);
const WARMUP_MS = 1_000;
const HEALTH_MS = 1_000;
/**
 * The standalone venue's ticks per second per symbol: take orders fill against its touch, and
 * at the default 20/s a few thousand orders a second outrun its size (see exo-load's TICK_RATE).
 */
const TICK_RATE = Number(process.env.EXO_BENCH_HA_INTAKE_TICK_RATE ?? 200);
/**
 * The lease's TTL. The 2 s fences the embedded exo's own start here (a start stalling the
 * event loop past 0.8·TTL at load ≈ 5); intake renews it in the background either way.
 */
const LEASE_MS = Number(process.env.EXO_BENCH_HA_INTAKE_LEASE_MS ?? 5_000);
const PG_URL = process.env.EXO_BENCH_PG_URL ?? 'postgres://root@127.0.0.1:5432/test';
const SETUPS: readonly IntakeSetup[] = ['embedded', 'workers_1', 'workers_2', 'workers_4'];

/** One setup's round: the orders' figures and the `/healthz` rate through the same client. */
interface Round {
  readonly orders: RunFigures;
  readonly healthPerSecond: number;
  /** How many starts it took to serve (a start that fenced itself is tried again). */
  readonly attempts: number;
  /** From spawning its processes to serving, in ms (failed starts included). */
  readonly startMs: number;
}

/**
 * Order intake (`POST /v1/orders`, small marketable take orders round the simulated symbols,
 * CONCURRENCY in flight) through the gateway in front of 1, 2 and 4 workers of a 4-shard
 * PostgreSQL journal, against one embedded exo on a one-shard journal, every one trading on the
 * same standalone venue, compiled from dist/. Rounds go embedded, 1, 2, 4, embedded, …, each
 * setup on a fresh schema (dropped after); the figures are medians over rounds, the ratios the
 * median of each round's ratio to that round's embedded rate.
 */
export async function haIntake(): Promise<BenchResult[]> {
  const admin = new pg.Client({ connectionString: PG_URL });
  try {
    await admin.connect();
  } catch (error) {
    console.error(`ha-intake: PostgreSQL unreachable at ${PG_URL}: ${String(error)}`);
    return [{ bench: 'ha-intake', skipped: 'PostgreSQL unreachable' }];
  }
  const loadBefore = loadavg()[0]!;
  ensureBuilt();
  const venue = startExo([
    'venue',
    '--port',
    '0',
    '--latency',
    '1',
    '--tick-rate',
    String(TICK_RATE),
  ]);
  const rounds = Object.fromEntries(SETUPS.map((setup) => [setup, [] as Round[]])) as Record<
    IntakeSetup,
    Round[]
  >;
  try {
    const venueUrl = (await printed(venue, /listening on (ws:\/\/\S+)/, 60_000))[1]!;
    const began = performance.now();
    let lastRoundMs = 0;
    for (let round = 0; round < ROUNDS; round++) {
      if (round > 0 && performance.now() - began + lastRoundMs > BUDGET_MS) break;
      const roundBegan = performance.now();
      for (const setup of SETUPS) {
        const schema = `bench_ha_intake_${process.pid}_${setup}_${round}`;
        const drop = async (): Promise<void> => {
          await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        };
        const journal = `${PG_URL}?schema=${schema}&lease_ms=${LEASE_MS}`;
        try {
          rounds[setup].push(await measure(setup, journal, venueUrl, drop));
        } finally {
          await drop();
        }
        const last = rounds[setup].at(-1)!;
        console.error(
          `ha-intake: round ${round + 1} ${setup}: ${Math.round(last.orders.perSecond)} orders/s (p50 ${last.orders.p50Us} µs, p99 ${last.orders.p99Us} µs), ${Math.round(last.healthPerSecond)} /healthz/s`,
        );
      }
      lastRoundMs = performance.now() - roundBegan;
    }
  } finally {
    await kill9(venue);
    await admin.end();
  }
  const base = rounds.embedded.map((round) => round.orders.perSecond);
  const loadAfter = loadavg()[0]!;
  return SETUPS.map((setup) => {
    const measured = rounds[setup];
    const orders = measured.map((round) => round.orders);
    return {
      bench: `ha-intake-${setup === 'embedded' ? 'embedded' : setup.replace('_', '-')}`,
      orders_per_s: median(orders.map((o) => o.perSecond)),
      p50_us: median(orders.map((o) => o.p50Us)),
      p99_us: median(orders.map((o) => o.p99Us)),
      healthz_per_s: median(measured.map((round) => round.healthPerSecond)),
      ratio_to_embedded: medianRatio(
        orders.map((o) => o.perSecond),
        base,
      ),
      failures: orders.reduce((sum, o) => sum + o.failures, 0),
      rounds: measured.length,
      start_ms: median(measured.map((round) => round.startMs)),
      failed_starts: measured.reduce((sum, round) => sum + round.attempts - 1, 0),
      concurrency: CONCURRENCY,
      shard_count: setup === 'embedded' ? 1 : SHARD_COUNT,
      symbols: SYMBOLS,
      orders_ms: ORDERS_MS,
      load_1m_before: loadBefore,
      load_1m_after: loadAfter,
    };
  });
}

/** Starts `setup` on `journal`, warms it up, times orders for ORDERS_MS and /healthz for HEALTH_MS. */
async function measure(
  setup: IntakeSetup,
  journal: string,
  venueUrl: string,
  dropSchema: () => Promise<void>,
): Promise<Round> {
  const spawned = performance.now();
  const running = await startSetup(setup, journal, venueUrl, dropSchema);
  const startMs = performance.now() - spawned;
  const agent = loadAgent();
  try {
    let sent = 0;
    const post = (): Promise<number> => postOrder(agent, running.url, sent++);
    const health = (): Promise<number> => send(agent, running.url, 'GET', '/healthz');
    const forever = Number.MAX_SAFE_INTEGER;
    await drive(forever, post, 201, WARMUP_MS);
    const orders = await drive(forever, post, 201, ORDERS_MS);
    const healthz = await drive(forever, health, 200, HEALTH_MS);
    return { orders, healthPerSecond: healthz.perSecond, attempts: running.attempts, startMs };
  } finally {
    agent.destroy();
    await running.stop();
  }
}
