import { pino } from 'pino';
import type { VirtualClock } from '../../src/core/clock.js';
import type { EngineError } from '../../src/core/errors.js';
import type { Engine } from '../../src/engine/engine.js';
import type { ServiceEvent } from '../../src/engine/service-event.js';
import { createSimulatedEngine } from '../../src/engine/simulated-engine.js';
import { SqliteJournal } from '../../src/journal/sqlite-journal.js';
import { decimal } from '../../src/market/decimal.js';
import { isTerminal } from '../../src/market/ord-status.js';
import type { Side } from '../../src/market/side.js';
import type { ChildSnapshot } from '../../src/orders/order-snapshot.js';
import type { RiskLimits } from '../../src/risk/risk-limits.js';
import { buildApp } from '../../src/server/app.js';
import { advance, drive } from '../recovery/helpers.js';

/** The symbols these tests trade, and a limit far below each one's simulated price. */
export const SYMBOLS = ['BTC-USD', 'ETH-USD'] as const;
export const FAR_BELOW: Record<(typeof SYMBOLS)[number], string> = {
  'BTC-USD': '60000',
  'ETH-USD': '3000',
};

/** A start of exo as `exo serve` runs it: simulated market, paper venue, the journal at `path`. */
export interface Started {
  readonly engine: Engine;
  /** Every event the engine announced since it was built. */
  readonly events: ServiceEvent[];
  readonly errors: EngineError[];
}

/** Builds, recovers and opens an engine on the journal at `path` (limits if given). */
export async function start(
  path: string,
  clock: VirtualClock,
  options: { limits?: RiskLimits } = {},
): Promise<Started> {
  const errors: EngineError[] = [];
  const events: ServiceEvent[] = [];
  const engine = createSimulatedEngine({
    clock,
    symbols: SYMBOLS,
    tickRate: 50,
    latencyMs: 1,
    seed: 11,
    journal: SqliteJournal.open(path, { clock }),
    onError: (error) => errors.push(error),
    ...(options.limits === undefined ? {} : { limits: options.limits }),
  });
  engine.events.on('event', (event) => events.push(event));
  await engine.start();
  await drive(clock, engine.recover());
  engine.ready();
  await advance(clock, 100);
  return { engine, events, errors };
}

/** Places an order through intake (committed), with its params if given; returns its ID. */
export async function place(
  engine: Engine,
  order: {
    symbol: string;
    side: Side;
    quantity: string;
    algo: string;
    limitPrice?: string;
    params?: Readonly<Record<string, unknown>>;
  },
): Promise<string> {
  const prepared = engine.intake.prepareNew({
    side: order.side,
    symbol: order.symbol,
    quantity: decimal(order.quantity),
    ...(order.limitPrice === undefined ? {} : { limitPrice: decimal(order.limitPrice) }),
    algo: order.algo,
    params: order.params ?? {},
  });
  const refused = await engine.intake.commit(prepared);
  if (refused !== undefined) throw refused;
  return prepared.order.orderId;
}

/** A peg buying `symbol` far below the market: its one child rests and never fills. */
export function restingPeg(engine: Engine, symbol: (typeof SYMBOLS)[number]): Promise<string> {
  return place(engine, {
    symbol,
    side: 'buy',
    quantity: '1',
    algo: 'peg',
    limitPrice: FAR_BELOW[symbol],
  });
}

/** The children of an order the venue has not ended. */
export function workingChildren(engine: Engine, orderId: string): ChildSnapshot[] {
  return engine.store.get(orderId)!.children.filter((child) => !isTerminal(child.status));
}

/** Moves time on until `done` holds (at most `limitMs` virtual ms). */
export async function until(clock: VirtualClock, done: () => boolean, limitMs = 5_000) {
  for (let ms = 0; ms < limitMs && !done(); ms += 5) await advance(clock, 5);
  if (!done()) throw new Error(`not done after ${limitMs} virtual ms`);
}

/** Moves time on until each order has a child the venue acknowledged. */
export function untilResting(clock: VirtualClock, engine: Engine, ids: readonly string[]) {
  return until(clock, () =>
    ids.every((id) => workingChildren(engine, id).some((child) => child.status === 'new')),
  );
}

/** The events of one type, narrowed. */
export function eventsOf<T extends ServiceEvent['type']>(
  events: readonly ServiceEvent[],
  type: T,
): Extract<ServiceEvent, { type: T }>[] {
  return events.filter((event): event is Extract<ServiceEvent, { type: T }> => event.type === type);
}

/** An HTTP app over the engine (no token), for what a client is answered. */
export function appOver(engine: Engine) {
  return buildApp({ engine, logger: pino({ level: 'silent' }) });
}

/** Stops an engine, moving virtual time while it winds down. */
export function stop(clock: VirtualClock, engine: Engine): Promise<void> {
  return drive(clock, engine.stop());
}
