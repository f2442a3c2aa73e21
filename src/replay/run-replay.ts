import type { TickEvent } from '../ticks/tick-event.js';
import type { FillModel } from '../venues/paper/fill-model.js';
import { type ReplayEngine, type ReplayFactory, replayEngine } from './replay-engine.js';
import { ReplayInstructions } from './replay-instructions.js';
import { ReplayLoop } from './replay-loop.js';
import type { ReplayOrder } from './replay-order.js';
import type { ReplayOutcome } from './replay-outcome.js';
import { replayedOrders } from './replayed-orders.js';

/** How a replay runs: its seed, its latency and fill models, its delegates, its progress. */
export interface ReplayOptions {
  readonly seed: number;
  /** A delegate's time to decide: '0' (default), '50us', '2ms', or seeded 'lognormal:50us,400us'. */
  readonly decisionLatency?: string;
  /** The venue's request latency, same grammar; '0' by default. */
  readonly entryLatency?: string;
  /** The venue's report latency, same grammar; '0' by default. */
  readonly responseLatency?: string;
  /**
   * When resting children fill: 'through' (default), 'queue', or 'touch', the live paper venue's
   * default, for replaying a live run as it traded (see FillModel).
   */
  readonly fillModel?: FillModel;
  /** A user's delegate factory in place of (or around) the built-in take, peg and twap. */
  readonly createFactory?: ReplayFactory;
  /** Told the count of events read so far, now and then and at the end. */
  readonly onProgress?: (events: number) => void;
}

/** Events whose receive times go backwards: the recording is out of order. */
export class ReplayTimeError extends Error {
  override readonly name = 'ReplayTimeError';
}

/** How often (in events read) progress is told. */
const PROGRESS_EVERY = 65_536;

/**
 * Replays recorded market data (batches of events in file order) with the given parent orders
 * through exo's own engine on a virtual clock, and returns what happened to each order. Same
 * ticks, orders, options and seed: a deep-equal outcome. See ReplayLoop for the order of things
 * within an instant and ReplayEngine for the composition. The run ends at the recording's last
 * instant; orders still working then keep their last status and no `endUs`.
 */
export async function runReplay(
  ticks: AsyncIterable<readonly TickEvent[]> | Iterable<readonly TickEvent[]>,
  orders: readonly ReplayOrder[],
  options: ReplayOptions,
): Promise<ReplayOutcome> {
  const started: { replay?: StartedReplay } = {};
  try {
    const outcome = await replayAll(ticks, orders, options, started);
    await started.replay!.loop.drive(started.replay!.parts.engine.stop());
    return outcome;
  } catch (error) {
    // Bad input met mid-run: the engine still stops, and the error is what the caller hears.
    const { replay } = started;
    if (replay !== undefined) await replay.loop.drive(replay.parts.engine.stop()).catch(() => {});
    throw error;
  }
}

/** Reads the recording through, instant by instant, and reads off the outcome. */
async function replayAll(
  ticks: AsyncIterable<readonly TickEvent[]> | Iterable<readonly TickEvent[]>,
  orders: readonly ReplayOrder[],
  options: ReplayOptions,
  started: { replay?: StartedReplay },
): Promise<ReplayOutcome> {
  let replay: StartedReplay | undefined;
  let events = 0;
  let fromUs: number | undefined;
  let at = 0;
  const instant: TickEvent[] = [];
  for await (const batch of ticks) {
    for (let i = 0; i < batch.length; i++) {
      const event = batch[i]!;
      if (event.recvUs < at) {
        throw new ReplayTimeError(
          `event ${events}: receive time ${event.recvUs} us is before the previous event's ${at} us`,
        );
      }
      if (event.recvUs !== at || instant.length === 0) {
        const arriving = instant.length > 0 ? replay!.loop.arrive(at, instant) : undefined;
        if (arriving !== undefined) await arriving;
        instant.length = 0;
        at = event.recvUs;
        if (fromUs === undefined) {
          fromUs = at;
          replay = await startReplay(orders, options, at);
          started.replay = replay;
        }
      }
      instant.push(event);
      if (++events % PROGRESS_EVERY === 0) options.onProgress?.(events);
    }
  }
  replay ??= await startReplay(orders, options, undefined);
  started.replay = replay;
  const { parts, loop, instructions } = replay;
  const { engine, clock } = parts;
  if (instant.length > 0) await loop.arrive(at, instant);
  options.onProgress?.(events);
  const toUs = fromUs === undefined ? 0 : clock.nowUs;
  instructions.noteUnapplied(toUs);
  return {
    orders: replayedOrders(
      engine,
      orders,
      instructions.orderIds,
      instructions.notes,
      parts.paper.ledger().fills,
    ),
    run: {
      seed: options.seed,
      models: parts.models,
      inputs: [],
      events,
      deliveries: engine.dispatcher.stats.updatesDelivered,
      conflationRatio:
        parts.counts.marketUpdates === 0 ? 0 : parts.offered.count / parts.counts.marketUpdates,
      fromUs: fromUs ?? 0,
      toUs,
      truncated: false,
      ...(parts.errors.length === 0 ? {} : { errors: [...parts.errors] }),
    },
  };
}

/** A replay's engine, started, with its instructions and its loop. */
interface StartedReplay {
  readonly parts: ReplayEngine;
  readonly instructions: ReplayInstructions;
  readonly loop: ReplayLoop;
}

/** Builds and starts the replay's engine with its clock at `firstUs` (or the first order's start). */
async function startReplay(
  orders: readonly ReplayOrder[],
  options: ReplayOptions,
  firstUs: number | undefined,
): Promise<StartedReplay> {
  const starts = [firstUs ?? Number.POSITIVE_INFINITY, ...orders.map((order) => order.startUs)];
  const startUs = Math.min(...starts);
  const parts = replayEngine({
    seed: options.seed,
    decisionLatency: options.decisionLatency ?? '0',
    entryLatency: options.entryLatency ?? '0',
    responseLatency: options.responseLatency ?? '0',
    fillModel: options.fillModel ?? 'through',
    symbols: [...new Set(orders.map((order) => order.symbol))],
    algos: [...new Set(orders.map((order) => order.algo))],
    startUs: Number.isFinite(startUs) ? startUs : 0,
    ...(options.createFactory === undefined ? {} : { createFactory: options.createFactory }),
  });
  const instructions = new ReplayInstructions(parts.engine, orders);
  const loop = new ReplayLoop(parts, instructions, options.createFactory === undefined);
  await parts.engine.start();
  await loop.drive(parts.engine.recover());
  parts.engine.ready();
  parts.startTrading();
  return { parts, instructions, loop };
}
