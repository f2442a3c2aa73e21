import { join } from 'node:path';
import { simulatedGrid } from '../../src/cli/record-sim.js';
import type { EngineError } from '../../src/core/errors.js';
import type { Engine } from '../../src/engine/engine.js';
import { decimal } from '../../src/market/decimal.js';
import { isTerminal } from '../../src/market/ord-status.js';
import type { Side } from '../../src/market/side.js';
import type { ReplayAmend, ReplayOrder } from '../../src/replay/replay-order.js';
import type { ReplayedOrder } from '../../src/replay/replay-outcome.js';
import { msToUs } from '../../src/replay/replayed-orders.js';
import { recordingTap, type TickEvent, TickReader } from '../../src/ticks/index.js';
import { place } from '../halt/helpers.js';
import { LIVE_SEED, liveEngine } from './live-engine.js';
import { SteppingClock } from './stepping-clock.js';

/** An order a live run places `afterMs` after the step before (or after the engine opened). */
export interface PlannedOrder {
  readonly afterMs: number;
  readonly symbol: string;
  readonly side: Side;
  readonly quantity: string;
  readonly limitPrice?: string;
  readonly algo: string;
  readonly params?: Readonly<Record<string, unknown>>;
}

/** A replace (new quantity, limit or both) or a cancel of the `order`-th order placed (from 0). */
export type PlannedChange =
  | {
      readonly afterMs: number;
      readonly amend: number;
      readonly quantity?: string;
      readonly limitPrice?: string;
    }
  | { readonly afterMs: number; readonly cancel: number };

/** A fill as both runs can state it: when it matched (µs), at what price, how much. */
export interface PlainFill {
  readonly timeUs: number;
  readonly px: string;
  readonly qty: string;
}

/** What became of a parent, as both runs can state it. */
export interface PlainParent {
  readonly status: string;
  /** Its terms at the end (after replaces). */
  readonly quantity: string;
  readonly limitPrice?: string;
  /** How many child orders its algorithm sent. */
  readonly children: number;
  /** Its fills in the order booked. */
  readonly fills: readonly PlainFill[];
}

/** What a recorded live run left: its journal and recording, its orders and what became of them. */
export interface RecordedRun {
  readonly journal: string;
  readonly recording: string;
  /** The orders as placed, replaced and canceled, oldest first: replay's input (ref: the live ID). */
  readonly orders: ReplayOrder[];
  /** What became of each order, in the same order. */
  readonly parents: PlainParent[];
  /** What the live engine reported and carried on past. */
  readonly errors: readonly EngineError[];
}

/**
 * The engine as `exo --record` runs it, on a virtual clock (from 2026-12-07T10:00Z): the simulated
 * market (BTC-USD and ETH-USD, 50 events/s, its prices by `seed`) and a paper venue matching against it (its default
 * fill model), a SQLite journal in `dir`, its market data recorded by recordingTap (receive times
 * from the virtual clock) to a tick file in `dir`. Takes the plan's steps, moves time on until
 * every order is done and one more market event is recorded (a replay ends at the recording's
 * last event), and stops the engine, which ends the recording.
 */
export async function recordedRun(
  dir: string,
  plan: readonly (PlannedOrder | PlannedChange)[],
  seed = LIVE_SEED,
  limitMs = 30_000,
): Promise<RecordedRun> {
  const clock = new SteppingClock(Date.UTC(2026, 11, 7, 10));
  const journal = join(dir, 'journal.db');
  const recording = join(dir, 'live.exo');
  const errors: EngineError[] = [];
  const tap = recordingTap({
    file: recording,
    feed: 'sim',
    clock,
    nowUs: () => msToUs(clock.now()),
    grid: simulatedGrid,
  });
  const engine = liveEngine(clock, { journal, tap, seed, errors });
  await engine.start();
  await clock.settleWhile(engine.recover());
  engine.ready();
  await clock.settleTo(clock.now() + 100);
  const drafts: Draft[] = [];
  for (const step of plan) {
    await clock.settleTo(clock.now() + step.afterMs);
    await take(engine, step, drafts, msToUs(clock.now()));
  }
  const orders = drafts.map(({ amends, cancelAtUs, ...order }) => ({
    ...order,
    amends,
    ...(cancelAtUs === undefined ? {} : { cancelAtUs }),
  }));
  const done = () => orders.every((order) => isTerminal(engine.store.get(order.ref)!.status));
  for (let ms = 0; ms < limitMs && !done(); ms++) await clock.settleTo(clock.now() + 1);
  if (!done()) throw new Error(`orders not done after ${limitMs} virtual ms`);
  const recordedAtDone = tap.events;
  while (tap.events === recordedAtDone) await clock.settleTo(clock.now() + 1);
  const parents = orders.map((order) => plainParent(engine, order.ref));
  await clock.settleWhile(engine.stop());
  return { journal, recording, orders, parents, errors };
}

/** An order as the plan's steps have made it so far. */
interface Draft extends Omit<ReplayOrder, 'amends' | 'cancelAtUs'> {
  readonly amends: ReplayAmend[];
  cancelAtUs?: number;
}

/** Takes one step of the plan through intake (committed) at `atUs`, noting it in `drafts`. */
async function take(
  engine: Engine,
  step: PlannedOrder | PlannedChange,
  drafts: Draft[],
  atUs: number,
): Promise<void> {
  if ('cancel' in step) {
    const draft = drafts[step.cancel]!;
    await commit(engine, engine.intake.prepareCancel(draft.ref));
    draft.cancelAtUs = atUs;
  } else if ('amend' in step) {
    const { afterMs: _, amend, ...terms } = step;
    const draft = drafts[amend]!;
    const replace = engine.intake.prepareReplace(draft.ref, {
      ...(terms.quantity === undefined ? {} : { quantity: decimal(terms.quantity) }),
      ...(terms.limitPrice === undefined ? {} : { limitPrice: decimal(terms.limitPrice) }),
    });
    await commit(engine, replace);
    draft.amends.push({ atUs, ...terms });
  } else {
    const { afterMs: _, params = {}, ...terms } = step;
    const ref = await place(engine, { ...terms, params });
    drafts.push({ ref, ...terms, params, startUs: atUs, amends: [] });
  }
}

async function commit(engine: Engine, prepared: Parameters<Engine['intake']['commit']>[0]) {
  const refused = await engine.intake.commit(prepared);
  if (refused !== undefined) throw refused;
}

/** A live parent as both runs can state it. */
function plainParent(engine: Engine, orderId: string): PlainParent {
  const parent = engine.store.get(orderId)!;
  return {
    status: parent.status,
    quantity: parent.quantity.toFixed(),
    ...(parent.limitPrice === undefined ? {} : { limitPrice: parent.limitPrice.toFixed() }),
    children: parent.children.length,
    fills: parent.fills.map((fill) => ({
      timeUs: msToUs(fill.time),
      px: fill.px.toFixed(),
      qty: fill.qty.toFixed(),
    })),
  };
}

/** A recording's blocks, for runReplay and buildReport. */
export async function* recorded(file: string): AsyncIterable<readonly TickEvent[]> {
  const reader = await TickReader.open(file);
  yield* reader.blocks();
}

/** A replayed order as both runs can state it. */
export function plainReplayed(order: ReplayedOrder): PlainParent {
  const { status, quantity, limitPrice, children, fills } = order;
  return {
    status,
    quantity,
    ...(limitPrice === undefined ? {} : { limitPrice }),
    children,
    fills: fills.map(({ timeUs, px, qty }) => ({ timeUs, px, qty })),
  };
}
