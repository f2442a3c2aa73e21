import { VirtualClock } from '../src/core/clock.js';
import type { Engine } from '../src/engine/engine.js';
import { createSimulatedEngine } from '../src/engine/simulated-engine.js';
import { SqliteJournal } from '../src/journal/sqlite-journal.js';
import { decimal } from '../src/market/decimal.js';
import { type BenchResult, median } from './report.js';
import { ALL_RULES_ON } from './risk-limits-on.js';

const ORDERS = 1_000;
const ROUNDS = 7;
/** Orders placed between two steps of the virtual clock, which tick the market and the takes. */
const ORDERS_PER_STEP = 20;
const STEP_MS = 50;

/**
 * Order intake in process, limits on against off in the same run: `take` orders placed through
 * intake (checked, journaled in memory, accepted) on a simulated engine whose market and paper
 * venue run on a virtual clock stepped as they go, so every child the takes send passes the child
 * checks when on. Orders per second of wall time, the median of rounds alternating which goes
 * first; the fills of the last round show both did the same trading.
 */
export async function riskIntake(): Promise<BenchResult> {
  await intakeRun(false, ORDERS / 4);
  await intakeRun(true, ORDERS / 4);
  const on: number[] = [];
  const off: number[] = [];
  const fills = { on: 0, off: 0 };
  for (let round = 0; round < ROUNDS; round++) {
    // Alternating which goes first, so neither always inherits the other's garbage.
    const first = await intakeRun(round % 2 === 1, ORDERS);
    const second = await intakeRun(round % 2 === 0, ORDERS);
    const [bare, checked] = round % 2 === 0 ? [second, first] : [first, second];
    off.push(bare.perSecond);
    on.push(checked.perSecond);
    fills.off = bare.fills;
    fills.on = checked.fills;
  }
  const [onRate, offRate] = [median(on), median(off)];
  return {
    bench: 'risk-intake',
    limits_on_orders_per_s: onRate,
    limits_off_orders_per_s: offRate,
    ratio_on_off: onRate / offRate,
    goal_ratio: 0.95,
    fills_on: fills.on,
    fills_off: fills.off,
    orders: ORDERS * ROUNDS,
  };
}

async function intakeRun(
  on: boolean,
  orders: number,
): Promise<{ perSecond: number; fills: number }> {
  const clock = new VirtualClock(1_700_000_000_000);
  const engine = createSimulatedEngine({
    clock,
    journal: SqliteJournal.inMemory({ clock }),
    symbols: ['BTC-USD'],
    tickRate: 200,
    latencyMs: 0,
    seed: 7,
    ...(on ? { limits: ALL_RULES_ON } : {}),
  });
  let fills = 0;
  engine.events.on('event', (event) => {
    if (event.type === 'order' && event.event.kind === 'fill') fills++;
  });
  await engine.start();
  await whileTicking(clock, engine.recover());
  engine.ready();
  clock.advance(1_000);
  const start = process.hrtime.bigint();
  for (let i = 0; i < orders; i++) {
    await place(engine, i);
    if (i % ORDERS_PER_STEP === ORDERS_PER_STEP - 1) clock.advance(STEP_MS);
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const risk = (await engine.metrics.registry.metrics())
    .split('\n')
    .filter((line) => /^exo_risk_(refusals|delays)_total\{/.test(line));
  if (risk.length > 0) throw new Error(`the benchmark's children must pass: ${risk.join(', ')}`);
  await engine.stop();
  return { perSecond: orders / seconds, fills };
}

/**
 * Awaits `work` while moving the virtual clock, a millisecond a turn: recovery asks the paper
 * venue, whose answers come after its latency on that clock.
 */
async function whileTicking<T>(clock: VirtualClock, work: Promise<T>): Promise<T> {
  let done = false;
  const settled = work.finally(() => {
    done = true;
  });
  while (!done) {
    clock.advance(1);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return settled;
}

/** A small take buy on BTC-USD, each of a different quantity so no two children are alike. */
async function place(engine: Engine, i: number): Promise<void> {
  const prepared = engine.intake.prepareNew({
    side: 'buy',
    symbol: 'BTC-USD',
    quantity: decimal(`${(0.0001 * (1 + (i % 5000))).toFixed(4)}`),
    algo: 'take',
    params: {},
  });
  const problem = await engine.intake.commit(prepared);
  if (problem !== undefined) throw new Error(`order refused: ${String(problem)}`);
}
