import type { Clock } from '../core/clock.js';
import { Dispatcher } from '../core/dispatcher.js';
import { Emitter } from '../core/emitter.js';
import type { EngineError } from '../core/errors.js';
import type { JournalUnavailableError } from '../journal/journal-errors.js';
import type { LimitsChangedBy } from '../journal/journal-records.js';
import type { Report } from '../market/report.js';
import type { OrderEventListener } from '../orders/order-event.js';
import type { ParentOrder } from '../orders/parent-order.js';
import type { RecoveryNotice } from '../recovery/reconcile.js';
import type { RecoveryOutcome } from '../recovery/recover.js';
import type { Positions } from '../risk/positions.js';
import type { RiskActivity } from '../risk/risk-activity.js';
import type { RiskLimits } from '../risk/risk-limits.js';
import type { RiskUsage } from '../risk/risk-usage.js';
import { ONLY_SHARD, prefixOf } from '../shards/shard-place.js';
import { ClientIdChains } from '../venues/client-id-chains.js';
import { ShardVenue } from '../venues/shard-venue.js';
import type { Venue } from '../venues/venue.js';
import { AppliedFills } from './applied-fills.js';
import { CommitGate } from './commit-gate.js';
import { type EngineHealth, engineHealth } from './engine-health.js';
import { EngineJournal } from './engine-journal.js';
import { EngineLifecycle } from './engine-lifecycle.js';
import type { EngineParts } from './engine-parts.js';
import { EngineRecovery } from './engine-recovery.js';
import { EngineRisk } from './engine-risk.js';
import { EngineTradingStates } from './engine-trading-states.js';
import { feedHealth, feedTrouble } from './feed-health.js';
import { Intake, type IntakePhase } from './intake.js';
import { JournaledVenue } from './journaled-venue.js';
import { MemoryOrderStore } from './memory-order-store.js';
import { createMetrics, type ServiceMetrics } from './metrics.js';
import { OrderEvents } from './order-events.js';
import type { OrderStore } from './order-store.js';
import { QuoteBoard } from './quote-board.js';
import { type EngineStats, engineStats, type ServiceEvents } from './service-event.js';
import { SharedMarketData } from './shared-market-data.js';
import type {
  HaltRequest,
  TradingStateChange,
  TradingStateRequest,
  TradingStatus,
} from './trading-status.js';
import { uniqueNumbers } from './unique-numbers.js';
import { UnknownChildren } from './unknown-children.js';
import type { VenueStatus } from './venue-status.js';

/**
 * The running execution engine: a dispatcher whose delegates report order events into the store,
 * the watchers' event stream and the metrics; market data shared between the dispatcher and the
 * quote board; instructions, child requests and venue reports journaled ahead (by intake and the
 * JournaledVenue), and watchers' events held until the rows before them committed. The engine
 * builds and holds these parts; OrderEvents records and publishes order events, EngineRecovery
 * reads the journal at start and runs recover(), EngineRisk keeps the limits, the positions and
 * the child checks, EngineTradingStates the trading states and their halts, and EngineLifecycle
 * the timers and the one stop.
 */
export class Engine {
  readonly dispatcher: Dispatcher<ParentOrder>;
  readonly store: OrderStore;
  /** Every ServiceEvent, to whoever follows `event`; a watcher that throws is reported and stays. */
  readonly events: Emitter<ServiceEvents>;
  readonly quotes: QuoteBoard;
  readonly metrics: ServiceMetrics;
  readonly symbols: readonly string[];
  readonly algos: readonly string[];
  readonly clock: Clock;
  /** Where child orders go: the parts' venue, journaled. */
  readonly venue: Venue;
  /** How instructions enter: checks, the journal, idempotency, the recovering phase. */
  readonly intake: Intake;
  /** How many delegates have been cleaned up (at stop, with their order live). */
  cleanedUp = 0;
  readonly #parts: EngineParts;
  readonly #marketData: SharedMarketData;
  readonly #journal: EngineJournal;
  /** Records order events and publishes them to watchers once the rows before them committed. */
  readonly #orderEvents: OrderEvents;
  /** The start's one pass over the journal, and recover(). */
  readonly #recovery: EngineRecovery;
  /** The stats and the orphan sweep on their timers, and the one stop. */
  readonly #lifecycle: EngineLifecycle;
  /** The live parents' children and journaled fills: duplicates, reused IDs, cumQty run ahead. */
  readonly #fills = new AppliedFills();
  /** The venue as the engine journals it, told when recovery has reconciled. */
  readonly #journaledVenue: JournaledVenue;
  /** The children whose request's outcome is unknown, for /metrics and GET /v1/venue. */
  readonly #unknownChildren = new UnknownChildren();
  /** The trading states in force, their changes, and the children halts cancelled. */
  readonly #trading: EngineTradingStates;
  /** The limits, positions, daily loss, child checks and automatic halts. */
  readonly #risk: EngineRisk;
  /** Stops telling the automatic halts of the venue's connection. */
  readonly #unwatchConnection: (() => void) | undefined;
  /**
   * The parts' venue with its renamed children's client IDs mapped to their identities: what
   * everything else sends through and recovery reconciles with.
   */
  readonly #chains: ClientIdChains;

  constructor(parts: EngineParts) {
    this.#parts = parts;
    this.clock = parts.clock;
    this.symbols = parts.symbols;
    this.algos = parts.algos;
    this.store = parts.store ?? new MemoryOrderStore();
    this.events = new Emitter<ServiceEvents>((error) => this.#fail(observerError(error)));
    const nextNumber = uniqueNumbers(parts.clock);
    // A shard of a sharded journal sees only its own orders of a venue that reports per account.
    const shard = parts.shard ?? ONLY_SHARD;
    this.#chains = new ClientIdChains(
      shard.count > 1 ? new ShardVenue(parts.venue, prefixOf(shard)) : parts.venue,
    );
    this.#lifecycle = new EngineLifecycle({
      clock: parts.clock,
      statsIntervalMs: parts.statsIntervalMs,
      publishStats: () => this.events.emit('event', { type: 'stats', stats: this.stats() }),
      orphanSweepMs: parts.orphanSweepMs,
      // Under the prefix recovery reconciles, through the venue recovery asks (renamed children
      // mapped back), leaving the children the child checks count working.
      orphans: {
        venue: this.#chains,
        prefix: prefixOf(shard),
        isLiveChild: (clOrdId) => this.#risk.checked.isWorking(clOrdId),
        mayAct: () => parts.journal.unavailable === undefined && (parts.leaseHeld?.() ?? true),
        cancelled: (notice) => this.#venueNotice(notice),
        failed: (error) => {
          this.metrics.orphanSweepFailed();
          this.#fail({
            source: 'recovery',
            error,
            message: `orphan sweep failed: ${String(error)}`,
          });
        },
      },
      close: () => this.#close(),
    });
    this.#trading = new EngineTradingStates({
      clock: parts.clock,
      symbols: parts.symbols,
      journal: parts.journal,
      nextNumber,
      events: this.events,
      show: (scope, state, changed) => this.metrics.tradingState(scope, state, changed),
      changed: (symbol) => this.dispatcher.tradingStateChanged(symbol),
      workingChildren: (symbol) => this.#risk.checked.workingChildren(symbol),
      cancel: (clOrdId) => this.#journaledVenue.cancel(clOrdId),
      globalResumed: () => this.#risk.rearm(),
      stopping: () => this.#lifecycle.stopping,
    });
    const tradingStates = this.#trading.states;
    this.#risk = new EngineRisk({
      clock: parts.clock,
      symbols: parts.symbols,
      limits: parts.limits,
      venue: this.#chains,
      venueName: parts.venue.name,
      instruments: parts.instruments,
      quote: (symbol) => this.quotes.quote(symbol),
      tradingStates,
      openParents: () => this.intake.openParents,
      journal: parts.journal,
      nextNumber,
      events: this.events,
      halt: (request) => this.halt(request),
      fail: (error) => this.#fail(error),
    });
    this.quotes = new QuoteBoard({
      clock: parts.clock,
      intervalMs: parts.quoteIntervalMs ?? 250,
      show: (quote) => this.events.emit('event', { type: 'quote', quote }),
    });
    this.#marketData = new SharedMarketData(parts.marketData, {
      quote: (quote) => {
        this.quotes.push(quote);
        this.#risk.quote(quote);
      },
      trade: (trade) => this.#risk.trade(trade),
    });
    const journal = new EngineJournal(parts.journal, {
      nextNumber,
      onUnavailable: (error) => this.#onJournalUnavailable(error),
      onRefused: (error) => this.#fail(journalRefusal(error)),
    });
    this.#journal = journal;
    this.#journaledVenue = new JournaledVenue({
      venue: this.#risk.checked,
      journal: parts.journal,
      clock: parts.clock,
      fills: this.#fills,
      nextNumber,
      onDuplicateFill: () => this.metrics.duplicateFill(),
      onFillNotice: (notice) => this.#orderEvents.venueNotice(notice),
      onJournalError: (error) => journal.noteFailure(error),
    });
    this.venue = this.#journaledVenue;
    const listener: OrderEventListener = (event, order) => {
      if (event.kind === 'fill') {
        this.#risk.counted(order.orderId, order.symbol, order.side, event.fill);
      }
      // What a restored parent filled before the restart is in the positions already.
      if (event.kind === 'restored') {
        this.intake.openParents.restored(order.orderId, order.snapshot().cumQty);
      }
      this.#orderEvents.delegated(event, order);
    };
    const factory = parts.createFactory(listener, this.venue, (report) => this.#resolved(report));
    this.dispatcher = new Dispatcher<ParentOrder>({
      factory,
      actions: {
        actionSeconds: (seconds) => this.metrics.actionSeconds(seconds),
        cleanedUp: (orderId) => {
          this.cleanedUp++;
          this.metrics.cleanedUp(orderId);
        },
      },
      marketData: this.#marketData,
      clock: parts.clock,
      tradingState: (symbol) => tradingStates.effective(symbol),
      ...(parts.scheduleDrain === undefined ? {} : { scheduleDrain: parts.scheduleDrain }),
    });
    const link = parts.venue.link?.bind(parts.venue);
    this.metrics = createMetrics({
      stats: this.dispatcher.stats,
      store: this.store,
      riskUsage: () => this.riskUsage(),
      riskCounts: this.#risk.counts,
      unknownChildren: this.#unknownChildren,
      ...(link === undefined ? {} : { venue: { name: parts.venue.name, link } }),
    });
    this.#orderEvents = new OrderEvents({
      store: this.store,
      metrics: this.metrics,
      events: this.events,
      gate: new CommitGate(() => journal.committed()),
      clock: parts.clock,
      isLive: (orderId) => this.dispatcher.order(orderId) !== undefined,
      fail: (error) => this.#fail(error),
    });
    this.intake = new Intake({
      dispatcher: this.dispatcher,
      store: this.store,
      clock: parts.clock,
      symbols: parts.symbols,
      algos: parts.algos,
      ...(parts.instruments === undefined ? {} : { instruments: parts.instruments }),
      ...(parts.paramsProblem === undefined ? {} : { paramsProblem: parts.paramsProblem }),
      journal: this.#journal,
      stopping: () => this.#lifecycle.stopping,
      ...(parts.newOrderId === undefined ? {} : { newOrderId: parts.newOrderId }),
      ...(parts.shard === undefined ? {} : { shard: parts.shard }),
      risk: this.#risk.intakeRisk(),
    });
    this.#recovery = new EngineRecovery({
      journal: parts.journal,
      clock: parts.clock,
      venue: this.#chains,
      journaledVenue: this.#journaledVenue,
      dispatcher: this.dispatcher,
      store: this.store,
      idempotency: this.intake.idempotency,
      fills: this.#fills,
      events: this.events,
      ...(parts.snapshotEveryRows === undefined
        ? {}
        : { snapshotEveryRows: parts.snapshotEveryRows }),
      prefix: prefixOf(shard),
      venueNotice: (notice) => this.#venueNotice(notice),
      restoring: (recovered) => this.#risk.adopt(recovered),
      fail: (error) => this.#fail(error),
    });
    this.#trading.journaled(this.#recovery.journaledTradingStates);
    this.dispatcher.on('accepted', (order) => this.#orderEvents.accepted(order));
    this.dispatcher.on('restored', (order) => this.intake.openParents.add(order));
    this.dispatcher.on('completed', (order) => this.#onCompleted(order));
    this.dispatcher.on('checkpoint', (order, state) => this.#journal.checkpoint(order, state));
    this.dispatcher.on('error', (error) => this.#orderEvents.engineError(error));
    this.venue.onReport((report) => {
      this.dispatcher.report(report);
      this.#trading.onReport(report);
    });
    this.#unwatchConnection = this.venue.onConnection?.((connected) =>
      this.#risk.connection(connected),
    );
  }

  /** Subscribes every symbol for the quote board and starts publishing stats. */
  async start(): Promise<void> {
    await Promise.all(this.symbols.map((symbol) => this.#marketData.watch(symbol)));
    this.#lifecycle.publishStats();
  }

  /**
   * After a restart, brings back what the journal holds before intake opens (the orders, their
   * working children into the child checks, the positions, and the risk limits last journaled
   * when none were given at start), keeps snapshots from then on, and announces
   * `recovery_completed` (see EngineRecovery.recover). The trading states journaled are in force
   * already (since the engine was built): a scope still halted has its working children cancelled
   * again, since a crash may have cut the halt's cancels short.
   */
  async recover(): Promise<RecoveryOutcome> {
    const outcome = await this.#recovery.recover();
    this.#trading.cancelHalted();
    this.#risk.recovered(outcome.book);
    return outcome;
  }

  /** Each symbol's position from exo's own fills (see Positions). */
  get positions(): Positions {
    return this.#risk.positions;
  }

  /** The risk limits in force; undefined when none are set. */
  get limits(): RiskLimits | undefined {
    return this.#risk.limits;
  }

  /**
   * The usage of every exposure limit now, with the day's loss breaches: what `GET /v1/risk`, the
   * dashboard and the risk gauges show (see EngineRisk.riskUsage).
   */
  riskUsage(): RiskUsage {
    return this.#risk.riskUsage();
  }

  /**
   * Where the venue stands: its name, its link when it is reached over a connection (see
   * Venue.link), and the children whose request's outcome is unknown (what `GET /v1/venue` and the
   * dashboard show).
   */
  venueStatus(): VenueStatus {
    const venue = this.#parts.venue;
    return {
      name: venue.name,
      ...(venue.link === undefined ? {} : { link: venue.link() }),
      unknownChildren: this.#unknownChildren.list(),
    };
  }

  /** Each child rate's usage, and the refusals and delays by rule (see EngineRisk.riskActivity). */
  riskActivity(): RiskActivity {
    return this.#risk.riskActivity();
  }

  /** Puts new risk limits in force once journaled (see EngineRisk.changeLimits). */
  changeLimits(limits: RiskLimits, by: LimitsChangedBy, file?: string): Promise<void> {
    return this.#risk.changeLimits(limits, by, file);
  }

  /**
   * Puts a trading state in force for every symbol or for `symbol` once journaled, and for
   * `halted` cancels the scope's working children (see EngineTradingStates.setTradingState).
   */
  setTradingState(request: TradingStateRequest): Promise<TradingStateChange> {
    return this.#trading.setTradingState(request);
  }

  /** Halts every symbol, or `symbol`: `setTradingState` with `halted`. */
  halt(request: HaltRequest): Promise<TradingStateChange> {
    return this.#trading.halt(request);
  }

  /** Lets every symbol, or `symbol`, trade again: `setTradingState` with `active`. */
  resume(request: HaltRequest): Promise<TradingStateChange> {
    return this.#trading.resume(request);
  }

  /**
   * Where trading stands now: the states, the children halts cancelled that the venue has not
   * ended yet, and when the latest halt was confirmed (see EngineTradingStates.tradingStatus).
   */
  tradingStatus(): TradingStatus {
    return this.#trading.tradingStatus();
  }

  /** `recovering` until `ready()`. */
  get phase(): IntakePhase {
    return this.intake.phase;
  }

  /**
   * Opens intake once recovery is done: mutating requests are refused until then. An engine that
   * skipped recovery (a fresh journal in tests) has restored nothing: its venue reports flow now.
   * The orphan sweep starts (see `orphanSweepMs`).
   */
  ready(): void {
    if (!this.#recovery.recovered) this.#journaledVenue.reconciled();
    this.intake.ready();
    this.#lifecycle.sweepOrphans();
  }

  /**
   * How the engine is doing: ok, degraded while a market-data feed is not live, recovering, or
   * stopped by its journal (with the reason, and each feed's state).
   */
  health(): EngineHealth {
    return engineHealth(this.intake.health(), feedHealth(this.#parts.feeds ?? []));
  }

  /**
   * Whether orders on `symbol` lack market data to act on: no quote of it has arrived yet, or a
   * feed is not live (what arrived may be stale). An algorithm waits then, rather than failing.
   */
  lacksMarketData(symbol: string): boolean {
    if (!this.quotes.has(symbol)) return true;
    return feedTrouble(feedHealth(this.#parts.feeds ?? [])) !== undefined;
  }

  /** The dispatcher's counters and the market's ticks as watchers see them, now. */
  stats(): EngineStats {
    return engineStats(this.dispatcher.stats, {
      liveOrders: this.dispatcher.size,
      marketTicksIn: this.#marketData.ticksIn,
      time: this.clock.now(),
    });
  }

  /**
   * Stops intake and the orphan sweep, lets the delegates clean up (orders are left as they
   * are), then closes the venue, the market data, the store, the snapshot writer and the journal.
   * Safe to call more than once.
   */
  stop(): Promise<void> {
    return this.#lifecycle.stop();
  }

  /** Closes the parts in order, once the stats and the orphan sweep have stopped. */
  async #close(): Promise<void> {
    this.#unwatchConnection?.();
    this.#risk.stop();
    this.quotes.close();
    await this.dispatcher.stop();
    await this.#risk.checked.close();
    await this.#marketData.close();
    await this.#parts.closeMarketData?.();
    await this.store.close();
    await this.#recovery.stop();
    await this.#parts.journal.close();
  }

  /**
   * A disagreement with the venue that recovery, the fills or the orphan sweep found: logged and
   * counted (see OrderEvents.venueNotice); an orphan cancelled is also an `orphan_cancelled` event.
   */
  #venueNotice(notice: RecoveryNotice): void {
    this.#orderEvents.venueNotice(notice);
    if (notice.kind !== 'orphan_cancelled') return;
    const { clOrdId, orderId, message } = notice;
    this.events.emit('event', { type: 'orphan_cancelled', clOrdId, orderId, message });
  }

  #onCompleted(order: ParentOrder): void {
    this.#fills.forget(order.orderId);
    this.#chains.forget(order.orderId);
    this.intake.openParents.remove(order.orderId);
    this.#risk.checked.parentCompleted(order.orderId);
    const ended = this.store.get(order.orderId);
    const text = ended?.text;
    // The row carries the time the order shows it ended, so a restart shows the same.
    this.#journal.completed(
      order.orderId,
      ended?.status ?? 'canceled',
      text === undefined ? undefined : { text },
      ended?.updatedAt,
    );
  }

  /** The journal cannot write: intake has stopped; watchers and the log hear why, once. */
  #onJournalUnavailable(error: JournalUnavailableError): void {
    // Fenced, the orders of this shard it does not know may be its successor's: no more sweeps.
    this.#lifecycle.stopSweeping();
    this.#parts.onJournalUnavailable?.(error);
    this.events.emit('event', {
      type: 'engine_error',
      error: 'journal_unavailable',
      message: `intake stopped: ${error.message}`,
    });
  }

  /**
   * A report the delegates worked out themselves for a request the venue never answered:
   * journaled like the venue's, and followed by the child checks and the halts as one.
   */
  #resolved(report: Report): void {
    this.#journaledVenue.recordResolved(report);
    this.#risk.checked.resolved(report);
    this.#trading.onReport(report);
  }

  #fail(error: EngineError): void {
    this.#parts.onError?.(error);
  }
}

/** A row the journal refused (not a failure of the journal): reported, intake carries on. */
function journalRefusal(error: unknown): EngineError {
  return { source: 'observer', error, message: `journal refused a row: ${String(error)}` };
}

function observerError(error: unknown): EngineError {
  return { source: 'observer', error, message: `event watcher failed: ${String(error)}` };
}
