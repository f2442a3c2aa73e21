import { assembleEngine, type DelegatesFrom } from '../engine/assemble-engine.js';
import type { Engine } from '../engine/engine.js';
import { SeededRandom, streamSeed } from '../feeds/sim/seeded-random.js';
import { SqliteJournal } from '../journal/sqlite-journal.js';
import type { FillModel } from '../venues/paper/fill-model.js';
import { PaperVenue } from '../venues/paper/paper-venue.js';
import { busyFactory, DelegateCounts } from './busy-factory.js';
import { BusyOrders } from './busy-orders.js';
import { HeldVenue } from './held-venue.js';
import { type LatencyModel, parseLatency } from './latency-model.js';
import { ReplayClock } from './replay-clock.js';
import { ReplayMarket } from './replay-market.js';
import { WatchedJournal } from './watched-journal.js';

/**
 * Builds the delegates of a replay from the reference algorithms' factory (take, peg, twap) and
 * where their events and child orders go: a user's factory module, or a test's own delegates.
 */
export type ReplayFactory = DelegatesFrom;

/** What the replay's engine is built from: the seed, the models by option, the delegates. */
export interface ReplayEngineOptions {
  readonly seed: number;
  readonly decisionLatency: string;
  readonly entryLatency: string;
  readonly responseLatency: string;
  readonly fillModel: FillModel;
  readonly createFactory?: ReplayFactory;
  /** The symbols orders trade: the only ones whose market data becomes decimals. */
  readonly symbols: readonly string[];
  /** The algorithm names the orders use, when a factory of one's own is given. */
  readonly algos: readonly string[];
  readonly startUs: number;
}

/** The running replay's parts: what the loop moves and what the outcome is read from. */
export interface ReplayEngine {
  readonly clock: ReplayClock;
  readonly market: ReplayMarket;
  readonly engine: Engine;
  readonly paper: PaperVenue;
  readonly venue: HeldVenue;
  readonly journal: WatchedJournal;
  readonly counts: DelegateCounts;
  /** Market events offered to live delegates (each event once per live delegate of its symbol). */
  readonly offered: { count: number };
  /** The models and options that decide fills and timing, by name. */
  readonly models: Readonly<Record<string, string>>;
  /** What the engine reported and carried on past, in order. */
  readonly errors: string[];
  /** Ends the start-up: from now on the venue's latencies apply (none while the engine recovers). */
  startTrading(): void;
  /**
   * Runs the dispatcher's market data drain, if one is due; true when it ran. The replay runs it
   * right after an instant's events, instead of a turn later, so an instant costs one turn.
   */
  drain(): boolean;
}

/**
 * The engine exo trades with (assembleEngine: dispatcher, order processes, the algorithms, intake,
 * the journal in memory, the paper venue's matching) on the replay's clock and market, its
 * delegates behind the decision latency and its venue behind the entry and response latencies.
 * Every random draw comes from a stream of its own under the one seed; order IDs are numbered.
 */
export function replayEngine(options: ReplayEngineOptions): ReplayEngine {
  const { seed } = options;
  const clock = new ReplayClock(options.startUs);
  const counts = new DelegateCounts();
  const offered = { count: 0 };
  const market = new ReplayMarket((symbol) => {
    offered.count += counts.liveOn(symbol);
  });
  const latency = (option: string, text: string): LatencyModel =>
    parseLatency(option, text, new SeededRandom(streamSeed(seed, option)));
  const decision = latency('decisionLatency', options.decisionLatency);
  const entry = latency('entryLatency', options.entryLatency);
  const response = latency('responseLatency', options.responseLatency);
  let trading = false;
  const paper = new PaperVenue({
    market,
    clock,
    // Zero while the engine recovers at start (its venue queries take no replay time).
    entryLatencyMs: entry.zero ? 0 : () => (trading ? entry.draw() / 1000 : 0),
    responseLatencyMs: response.zero ? 0 : () => (trading ? response.draw() / 1000 : 0),
    fillModel: options.fillModel,
    name: 'paper',
    retainFinished: Number.MAX_SAFE_INTEGER,
  });
  const busy = new BusyOrders(clock);
  const venue = new HeldVenue(paper, busy);
  const wholeMs = { now: () => Math.floor(clock.now()), setTimer: clock.setTimer.bind(clock) };
  const journal = new WatchedJournal(SqliteJournal.inMemory({ clock: wholeMs }));
  let next = 0;
  const errors: string[] = [];
  let drain: (() => void) | undefined;
  const engine = assembleEngine({
    scheduleDrain: (due) => {
      drain = due;
    },
    onError: (error) => errors.push(error.message),
    onJournalUnavailable: (error) => errors.push(error.message),
    clock,
    journal,
    marketData: market,
    closeMarketData: () => {},
    paper: { market, latencyMs: 0 },
    venue,
    symbols: options.symbols,
    newOrderId: () => `replay-${++next}`,
    delegates: (reference, setup) =>
      busyFactory(options.createFactory?.(reference, setup) ?? reference, {
        clock,
        decision,
        busy,
        seed,
        counts,
      }),
    ...(options.createFactory === undefined ? {} : { algos: options.algos }),
  });
  const models = {
    decisionLatency: decision.name,
    entryLatency: entry.name,
    responseLatency: response.name,
    fillModel: options.fillModel,
  };
  return {
    clock,
    market,
    engine,
    paper,
    venue,
    journal,
    counts,
    offered,
    models,
    errors,
    startTrading: () => {
      trading = true;
    },
    drain: () => {
      const due = drain;
      drain = undefined;
      due?.();
      return due !== undefined;
    },
  };
}
