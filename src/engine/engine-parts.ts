import type { InstrumentLookup } from '../algos/instrument.js';
import type { AlgoParams } from '../algos/params.js';
import type { Clock } from '../core/clock.js';
import type { DelegateFactory } from '../core/delegate.js';
import type { EngineError } from '../core/errors.js';
import type { MarketDataSubscriber } from '../core/market-data.js';
import type { Journal } from '../journal/journal.js';
import type { JournalUnavailableError } from '../journal/journal-errors.js';
import type { Report } from '../market/report.js';
import type { OrderEventListener } from '../orders/order-event.js';
import type { ParentOrder } from '../orders/parent-order.js';
import type { RiskLimits } from '../risk/risk-limits.js';
import type { ShardPlace } from '../shards/shard-place.js';
import type { Venue } from '../venues/venue.js';
import type { WatchedFeed } from './feed-health.js';
import type { OrderStore } from './order-store.js';

/** The parts an engine is assembled from: market data, a venue, the algorithms, the symbols. */
export interface EngineParts {
  readonly clock: Clock;
  readonly marketData: MarketDataSubscriber;
  readonly venue: Venue;
  /**
   * Builds the delegate factory; every order event its delegates emit goes to `listener`, child
   * orders go to `venue` (the journaling one), and a report the delegates work out themselves for
   * a request the venue never answered goes to `resolved`, so the journal holds it like a venue's.
   */
  readonly createFactory: (
    listener: OrderEventListener,
    venue: Venue,
    resolved: (report: Report) => void,
  ) => DelegateFactory<ParentOrder>;
  /** The algorithm names the factory knows. */
  readonly algos: readonly string[];
  /**
   * Why an algorithm refuses an order's params, or undefined: asked by intake before journaling,
   * so such an order leaves no trace. Without it, the factory refuses them once the order is
   * journaled (the refusal is journaled too, and the order never listed).
   */
  readonly paramsProblem?: (algo: string, params: AlgoParams) => string | undefined;
  /** The symbols orders may trade; each is watched for the quote board. */
  readonly symbols: readonly string[];
  /** Symbols' tick and lot sizes: intake refuses quantities and limits off them; none when absent. */
  readonly instruments?: InstrumentLookup;
  /**
   * The pre-trade limits: intake checks parents against them, and every child request passes the
   * child checks (RiskCheckedVenue) on its way from the journaled venue to `venue`; their
   * `autoHalt` watches the venue. Without them no limit is checked, only the trading states;
   * limits put in force later (a reload, a PUT) reach the parent and child checks and the
   * automatic halts.
   */
  readonly limits?: RiskLimits;
  readonly store?: OrderStore;
  /**
   * The shard of a sharded journal this engine serves (see IntakeParts.shard): its order IDs take
   * the shard's prefix, reconciliation looks for orphans under it only, and the venue's reports
   * and fills of other shards' orders are dropped (ShardVenue). Shard 0 of 1 (plain exo) if absent.
   */
  readonly shard?: ShardPlace;
  /** Gives each new order its ID (see IntakeParts.newOrderId); random unique IDs by default. */
  readonly newOrderId?: () => string;
  /** Schedules the dispatcher's market data drains (see DispatcherOptions); setImmediate by default. */
  readonly scheduleDrain?: (drain: () => void) => void;
  /**
   * Where instructions, child requests, reports, fills, checkpoints and completions are written
   * ahead: every engine journals, so what it accepted survives a restart (an in-memory journal
   * where nothing needs to, as in tests).
   */
  readonly journal: Journal;
  /** The shortest time between two quotes of one symbol shown to watchers (default 250 ms). */
  readonly quoteIntervalMs?: number;
  /** How often stats are published to watchers (default 1 s). */
  readonly statsIntervalMs?: number;
  /** Journal rows between two snapshots of the live orders (default 100,000). */
  readonly snapshotEveryRows?: number;
  /**
   * How often, once ready, the engine lists its open venue orders and cancels the orphans among
   * them (see OrphanSweep); 0 turns the sweep off. DEFAULT_ORPHAN_SWEEP_MS (30 s) if absent.
   */
  readonly orphanSweepMs?: number;
  /**
   * Whether the journal's lease is still held by its local deadline (a PostgreSQL journal's); the
   * orphan sweep cancels nothing once it is not. Always held if absent.
   */
  readonly leaseHeld?: () => boolean;
  /** The exchange feeds behind the market data, whose state `/healthz` reports (none when simulated). */
  readonly feeds?: readonly WatchedFeed[];
  /** Closes the market data source once everything else has stopped. */
  readonly closeMarketData?: () => void | Promise<void>;
  /** Hears every error the engine caught and carried on past. */
  readonly onError?: (error: EngineError) => void;
  /** Hears, once, that the journal can no longer write and intake has stopped. */
  readonly onJournalUnavailable?: (error: JournalUnavailableError) => void;
}
