import type { CancelTimer, Clock } from '../core/clock.js';
import { Dispatcher } from '../core/dispatcher.js';
import { Emitter } from '../core/emitter.js';
import { type EngineError, InstructionError } from '../core/errors.js';
import type { JournalUnavailableError } from '../journal/journal-errors.js';
import {
  journalKeys,
  LIMITS_ROW_ID,
  type LimitsChangedBy,
  type LimitsChangedRecord,
  TRADING_ROW_ID,
  TRADING_STATE_CHANGED_BY,
  type TradingStateChangedRecord,
} from '../journal/journal-records.js';
import { ZERO } from '../market/decimal.js';
import { extended } from '../market/extended.js';
import type { Report } from '../market/report.js';
import { isTradingState, scopeOf, type TradingScope } from '../market/trading-state.js';
import type { OrderEventListener } from '../orders/order-event.js';
import type { FillRecord } from '../orders/order-snapshot.js';
import type { ParentOrder } from '../orders/parent-order.js';
import type { RecoveryNotice } from '../recovery/reconcile.js';
import type { RecoveryOutcome } from '../recovery/recover.js';
import type { RecoveredOrder } from '../recovery/recovered-order.js';
import { type AutoHaltCause, AutoHalts } from '../risk/auto-halts.js';
import { DailyLoss, type LossBreach, lossBreachText } from '../risk/daily-loss.js';
import type { ExposureState } from '../risk/exposure.js';
import { limitsToJSON, parseLimits } from '../risk/limits-file.js';
import { Positions } from '../risk/positions.js';
import { ReferencePrices } from '../risk/reference-prices.js';
import type { RiskActivity } from '../risk/risk-activity.js';
import { RiskCheckedVenue } from '../risk/risk-checked-venue.js';
import { RiskCounts } from '../risk/risk-counts.js';
import { NO_LIMITS, type RiskLimits } from '../risk/risk-limits.js';
import { type RiskUsage, riskUsage } from '../risk/risk-usage.js';
import { TradingStates } from '../risk/trading-states.js';
import { ONLY_SHARD, prefixOf } from '../shards/shard-place.js';
import { ClientIdChains } from '../venues/client-id-chains.js';
import { ShardVenue } from '../venues/shard-venue.js';
import type { Venue } from '../venues/venue.js';
import { AppliedFills } from './applied-fills.js';
import { CommitGate } from './commit-gate.js';
import { type EngineHealth, engineHealth } from './engine-health.js';
import { EngineJournal } from './engine-journal.js';
import type { EngineParts } from './engine-parts.js';
import { EngineRecovery } from './engine-recovery.js';
import { feedHealth, feedTrouble } from './feed-health.js';
import { HaltCancels } from './halt-cancels.js';
import { Intake, type IntakePhase } from './intake.js';
import { JournaledVenue } from './journaled-venue.js';
import { MemoryOrderStore } from './memory-order-store.js';
import { createMetrics, type ServiceMetrics } from './metrics.js';
import { OrderEvents } from './order-events.js';
import type { OrderStore } from './order-store.js';
import { DEFAULT_ORPHAN_SWEEP_MS, OrphanSweep } from './orphan-sweep.js';
import { QuoteBoard } from './quote-board.js';
import { reportTap } from './report-tap.js';
import { type EngineStats, engineStats, type ServiceEvents } from './service-event.js';
import { SharedMarketData } from './shared-market-data.js';
import type {
  HaltRequest,
  SymbolTradingState,
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
 * reads the journal at start and runs recover().
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
  #statsTimer: CancelTimer | undefined;
  #stopping: Promise<void> | undefined;
  /** The live parents' children and journaled fills: duplicates, reused IDs, cumQty run ahead. */
  readonly #fills = new AppliedFills();
  /** The venue as the engine journals it, told when recovery has reconciled. */
  readonly #journaledVenue: JournaledVenue;
  /** Each symbol's reference price for the parent checks. */
  readonly #references = new ReferencePrices();
  /** Refusals and throttle delays by rule, for /metrics, GET /v1/risk and the dashboard. */
  readonly #riskCounts = new RiskCounts();
  /** The children whose request's outcome is unknown, for /metrics and GET /v1/venue. */
  readonly #unknownChildren = new UnknownChildren();
  #limits: RiskLimits | undefined;
  /** Each symbol's position from exo's fills, as the orders applied them (restored by recover()). */
  #positions = new Positions();
  readonly #nextNumber: () => number;
  /** The daily loss limits, watched as fills and marks move. */
  readonly #dailyLoss: DailyLoss;
  /** Where exo stands, as the exposure rules read it at intake and at every child. */
  readonly #exposure: ExposureState;
  /**
   * The child checks, always in front of the parts' venue (with no limits, only the trading
   * states are checked): where the journaled venue sends, and what a change of limits reaches.
   */
  readonly #checked: RiskCheckedVenue;
  /**
   * The trading states in force: intake, the child checks and the delegates read this one. Those
   * journaled are in force from the start's pass over the journal, before any order is restored.
   */
  readonly #tradingStates = new TradingStates();
  /** The children halts cancelled, until the venue has ended each. */
  readonly #halts: HaltCancels;
  /** The limits' automatic halts, fed the venue's own reports and its connection. */
  readonly #autoHalts: AutoHalts;
  /** Stops telling the automatic halts of the venue's connection. */
  readonly #unwatchConnection: (() => void) | undefined;
  /**
   * The parts' venue with its renamed children's client IDs mapped to their identities: what
   * everything else sends through and recovery reconciles with.
   */
  readonly #chains: ClientIdChains;
  /** The continuous orphan reconciliation, from ready() to stop() (none when turned off). */
  #orphanSweep: OrphanSweep | undefined;

  constructor(parts: EngineParts) {
    this.#parts = parts;
    this.clock = parts.clock;
    this.symbols = parts.symbols;
    this.algos = parts.algos;
    this.store = parts.store ?? new MemoryOrderStore();
    this.#limits = parts.limits;
    this.events = new Emitter<ServiceEvents>((error) => this.#fail(observerError(error)));
    this.#dailyLoss = new DailyLoss({
      limits: () => this.#limits,
      positions: () => this.#positions,
      reference: (symbol) => this.#references.fixedOf(symbol),
      clock: parts.clock,
      onBreach: (breach) => this.#onLossBreach(breach),
    });
    this.#exposure = {
      position: (symbol) => this.#positions.of(symbol, this.clock.now()),
      reference: (symbol) => this.#references.fixedOf(symbol),
      symbols: () => this.#positions.symbols(),
      lossBreach: (symbol) => this.#dailyLoss.breach(symbol),
    };
    this.quotes = new QuoteBoard({
      clock: parts.clock,
      intervalMs: parts.quoteIntervalMs ?? 250,
      show: (quote) => this.events.emit('event', { type: 'quote', quote }),
    });
    this.#marketData = new SharedMarketData(parts.marketData, {
      quote: (quote) => {
        this.quotes.push(quote);
        this.#references.quote(quote);
        this.#dailyLoss.marked(quote.symbol);
      },
      trade: (trade) => {
        this.#references.trade(trade);
        this.#dailyLoss.marked(trade.symbol);
      },
    });
    const nextNumber = uniqueNumbers(parts.clock);
    this.#nextNumber = nextNumber;
    const journal = new EngineJournal(parts.journal, {
      nextNumber,
      onUnavailable: (error) => this.#onJournalUnavailable(error),
      onRefused: (error) => this.#fail(journalRefusal(error)),
    });
    this.#journal = journal;
    this.#autoHalts = new AutoHalts({
      clock: parts.clock,
      venue: parts.venue.name,
      trigger: (cause, reason) => this.#autoHalt(cause, reason),
    });
    this.#autoHalts.setLimits(parts.limits?.autoHalt);
    // A shard of a sharded journal sees only its own orders of a venue that reports per account.
    const shard = parts.shard ?? ONLY_SHARD;
    this.#chains = new ClientIdChains(
      shard.count > 1 ? new ShardVenue(parts.venue, prefixOf(shard)) : parts.venue,
    );
    this.#checked = this.#checkedVenue(parts);
    this.#journaledVenue = new JournaledVenue({
      venue: this.#checked,
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
      if (event.kind === 'fill') this.#counted(order.orderId, order.symbol, order.side, event.fill);
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
      tradingState: (symbol) => this.#tradingStates.effective(symbol),
      ...(parts.scheduleDrain === undefined ? {} : { scheduleDrain: parts.scheduleDrain }),
    });
    const link = parts.venue.link?.bind(parts.venue);
    this.metrics = createMetrics({
      stats: this.dispatcher.stats,
      store: this.store,
      riskUsage: () => this.riskUsage(),
      riskCounts: this.#riskCounts,
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
      stopping: () => this.#stopping !== undefined,
      ...(parts.newOrderId === undefined ? {} : { newOrderId: parts.newOrderId }),
      ...(parts.shard === undefined ? {} : { shard: parts.shard }),
      risk: {
        limits: () => this.#limits,
        reference: (symbol) => this.#references.of(symbol),
        refused: (refusal) => this.#riskCounts.refused(refusal.rule),
        exposure: this.#exposure,
        tradingState: (symbol) => ({
          state: this.#tradingStates.effective(symbol),
          scope: this.#tradingStates.decidingScope(symbol),
        }),
        net: (symbol) => this.#positions.of(symbol).net,
      },
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
      restoring: (recovered) => this.#adoptChildren(recovered),
      fail: (error) => this.#fail(error),
    });
    this.#tradingStates.copyFrom(this.#recovery.journaledTradingStates);
    this.#showTradingStates();
    this.#halts = new HaltCancels({
      clock: parts.clock,
      cancel: (clOrdId) => this.#journaledVenue.cancel(clOrdId),
      confirmed: (confirmation) =>
        this.events.emit('event', { type: 'halt_confirmed', ...confirmation }),
    });
    this.dispatcher.on('accepted', (order) => this.#orderEvents.accepted(order));
    this.dispatcher.on('restored', (order) => this.intake.openParents.add(order));
    this.dispatcher.on('completed', (order) => this.#onCompleted(order));
    this.dispatcher.on('checkpoint', (order, state) => this.#journal.checkpoint(order, state));
    this.dispatcher.on('error', (error) => this.#orderEvents.engineError(error));
    this.venue.onReport((report) => {
      this.dispatcher.report(report);
      this.#halts.onReport(report);
    });
    this.#unwatchConnection = this.venue.onConnection?.((connected) =>
      this.#autoHalts.connection(connected),
    );
  }

  /** Subscribes every symbol for the quote board and starts publishing stats. */
  async start(): Promise<void> {
    await Promise.all(this.symbols.map((symbol) => this.#marketData.watch(symbol)));
    this.#scheduleStats();
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
    this.#cancelHalted();
    // A copy: the book goes on folding rows for snapshots, and the engine counts fills live.
    this.#positions = Positions.fromJSON(outcome.book.positions.toJSON());
    const journaled = outcome.book.limits;
    // Limits given at start win; without them, those last journaled (by a PUT, say) hold again.
    if (this.#parts.limits === undefined && journaled !== undefined) {
      this.#limits = parseLimits(journaled, 'journal');
      this.#autoHalts.setLimits(this.#limits.autoHalt);
    }
    this.#dailyLoss.reset();
    return outcome;
  }

  /** Each symbol's position from exo's own fills (see Positions). */
  get positions(): Positions {
    return this.#positions;
  }

  /** The risk limits in force; undefined when none are set. */
  get limits(): RiskLimits | undefined {
    return this.#limits;
  }

  /**
   * The usage of every exposure limit now, per symbol (the engine's, and any exo holds or has open
   * parents on) and in total, with the day's loss breaches: what `GET /v1/risk`, the dashboard and
   * the risk gauges show (see riskUsage).
   */
  riskUsage(): RiskUsage {
    return riskUsage({
      limits: this.#limits,
      state: this.#exposure,
      open: this.intake.openParents,
      symbols: this.symbols,
      pnl: (symbol) => this.#dailyLoss.pnl(symbol),
      breaches: this.#dailyLoss.breaches(),
      time: this.clock.now(),
    });
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

  /**
   * What the risk checks are doing: each child rate's usage now, and the refusals and throttle
   * delays so far by rule (what `GET /v1/risk` adds to riskUsage, and the dashboard shows).
   */
  riskActivity(): RiskActivity {
    return { rates: this.#checked.rateUsage(), counts: this.#riskCounts };
  }

  /**
   * Puts new risk limits in force once a `limits_changed` row saying who set them (`by`, and the
   * `file` read) has committed; rejects with the journal's error, the old limits kept, when it
   * cannot write.
   */
  async changeLimits(limits: RiskLimits, by: LimitsChangedBy, file?: string): Promise<void> {
    const body: LimitsChangedRecord = {
      by,
      ...(file === undefined ? {} : { file }),
      limits: limitsToJSON(limits),
    };
    await this.#parts.journal.append({
      orderId: LIMITS_ROW_ID,
      kind: 'limits_changed',
      idempotencyKey: journalKeys.limits(this.#nextNumber()),
      body,
    });
    this.#limits = limits;
    this.#checked.setLimits(limits);
    this.#autoHalts.setLimits(limits.autoHalt);
    this.#dailyLoss.reset();
  }

  /**
   * Puts a trading state in force for every symbol (no `symbol`) or for one, once a
   * `trading_state_changed` row saying who and why has committed; then tells the delegates (their
   * `Update.tradingState`), announces a `trading_state` event and, for `halted`, cancels every
   * working child of the scope through the journaled venue (see `tradingStatus` and the
   * `halt_confirmed` event for their confirmation). Resolves with the change in force. Rejects
   * with InstructionError (`invalid_instruction`: an unknown symbol, state or `by`; `stopped`)
   * before writing anything, or with the journal's error, nothing changed, when it cannot write.
   */
  async setTradingState(request: TradingStateRequest): Promise<TradingStateChange> {
    const { symbol, state, by, reason } = request;
    this.#assertTradingStateRequest(request);
    const scope = scopeOf(symbol);
    const body: TradingStateChangedRecord = Object.assign(
      {},
      scope,
      { state, by },
      reason === undefined ? {} : { reason },
    );
    await this.#parts.journal.append({
      orderId: TRADING_ROW_ID,
      kind: 'trading_state_changed',
      idempotencyKey: journalKeys.tradingState(this.#nextNumber()),
      body,
    });
    this.#tradingStates.set(scope, state);
    // Lifting the global state re-arms the automatic halts, which each fire once until then.
    if (symbol === undefined && state === 'active') this.#autoHalts.reset();
    this.metrics.tradingState(symbol ?? 'global', state, true);
    this.dispatcher.tradingStateChanged(symbol);
    const change: TradingStateChange = extended(body, { time: this.clock.now() });
    this.events.emit('event', { type: 'trading_state', ...change });
    if (state === 'halted') this.#halts.halt(scope, this.#checked.workingChildren(symbol));
    return change;
  }

  /** Halts every symbol, or `symbol`: `setTradingState` with `halted`. */
  halt(request: HaltRequest): Promise<TradingStateChange> {
    return this.setTradingState(extended(request, { state: 'halted' }));
  }

  /** Lets every symbol, or `symbol`, trade again: `setTradingState` with `active`. */
  resume(request: HaltRequest): Promise<TradingStateChange> {
    return this.setTradingState(extended(request, { state: 'active' }));
  }

  /**
   * Where trading stands now: the global state, each symbol's own and effective state, the
   * children halts cancelled that the venue has not ended yet, and when the latest halt was
   * confirmed.
   */
  tradingStatus(): TradingStatus {
    const states = this.#tradingStates;
    const symbols: Record<string, SymbolTradingState> = {};
    for (const symbol of new Set([...this.symbols, ...states.symbols().keys()])) {
      symbols[symbol] = { own: states.own(symbol), effective: states.effective(symbol) };
    }
    const confirmedAt = this.#halts.confirmedAt;
    return {
      global: states.global,
      symbols,
      awaitingCancel: this.#halts.awaiting(),
      ...(confirmedAt === undefined ? {} : { confirmedAt }),
    };
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
    this.#startOrphanSweep();
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
    this.#stopping ??= this.#stop();
    return this.#stopping;
  }

  async #stop(): Promise<void> {
    this.#statsTimer?.();
    this.#orphanSweep?.stop();
    this.#unwatchConnection?.();
    this.#autoHalts.stop();
    this.quotes.close();
    await this.dispatcher.stop();
    await this.#checked.close();
    await this.#marketData.close();
    await this.#parts.closeMarketData?.();
    await this.store.close();
    await this.#recovery.stop();
    await this.#parts.journal.close();
  }

  /**
   * Sweeps the venue for orphans every `orphanSweepMs` from now on (see OrphanSweep): under the
   * prefix recovery reconciles, through the venue recovery asks (renamed children mapped back),
   * leaving the children the child checks count working.
   */
  #startOrphanSweep(): void {
    const everyMs = this.#parts.orphanSweepMs ?? DEFAULT_ORPHAN_SWEEP_MS;
    if (everyMs <= 0 || this.#orphanSweep !== undefined || this.#stopping !== undefined) return;
    this.#orphanSweep = new OrphanSweep({
      venue: this.#chains,
      prefix: prefixOf(this.#parts.shard ?? ONLY_SHARD),
      clock: this.clock,
      everyMs,
      isLiveChild: (clOrdId) => this.#checked.isWorking(clOrdId),
      mayAct: () =>
        this.#stopping === undefined &&
        this.#parts.journal.unavailable === undefined &&
        (this.#parts.leaseHeld?.() ?? true),
      cancelled: (notice) => this.#venueNotice(notice),
      failed: (error) => {
        this.metrics.orphanSweepFailed();
        this.#fail({ source: 'recovery', error, message: `orphan sweep failed: ${String(error)}` });
      },
    });
    this.#orphanSweep.start();
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
    this.#checked?.parentCompleted(order.orderId);
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

  /**
   * A fill an order applied: the positions count it, and at the same moment the open parent's
   * leaves and the child's outstanding quantity stop counting it, so the exposure rules never see
   * it twice nor miss it; the daily loss is worked out again.
   */
  #counted(orderId: string, symbol: string, side: ParentOrder['side'], fill: FillRecord): void {
    this.#positions.fill(symbol, side, fill.qty, fill.px, fill.time);
    this.intake.openParents.fill(orderId, fill.qty);
    this.#checked.applied(fill.clOrdId, fill.qty);
    this.#dailyLoss.filled(symbol);
  }

  /**
   * A daily loss limit was found broken (once per breach: see DailyLoss): watchers hear a
   * `risk_breach` event, and the automatic halts (which halt when `autoHalt.dailyLoss` is on).
   * Until the day ends or the limits change, only orders that reduce the position pass.
   */
  #onLossBreach(breach: LossBreach): void {
    this.events.emit('event', { type: 'risk_breach', breach });
    this.#autoHalts.dailyLossBreached(lossBreachText(breach));
  }

  /**
   * An automatic halt of the limits fired (a reject storm, the venue away too long, the daily loss
   * limit broken): watchers hear of it, as `auto_halt_triggered`, and everything halts, `by`
   * `auto` with the cause and reason journaled. A halt that cannot be journaled is reported.
   */
  #autoHalt(cause: AutoHaltCause, reason: string): void {
    this.events.emit('event', { type: 'auto_halt_triggered', cause, reason });
    this.halt({ by: 'auto', reason: `${cause}: ${reason}` }).catch((error: unknown) =>
      this.#fail({
        source: 'journal',
        error,
        message: `automatic halt (${cause}) failed: ${String(error)}`,
      }),
    );
  }

  /** The journal cannot write: intake has stopped; watchers and the log hear why, once. */
  #onJournalUnavailable(error: JournalUnavailableError): void {
    // Fenced, the orders of this shard it does not know may be its successor's: no more sweeps.
    this.#orphanSweep?.stop();
    this.#parts.onJournalUnavailable?.(error);
    this.events.emit('event', {
      type: 'engine_error',
      error: 'journal_unavailable',
      message: `intake stopped: ${error.message}`,
    });
  }

  /**
   * The parts' venue (its renamed children mapped) behind the child checks (with no limits when
   * none are given): the journaled venue sends through it, so a refusal comes back as a venue
   * report and is journaled as one.
   * The venue's own reports are shown to the automatic halts before the checks add theirs.
   */
  #checkedVenue(parts: EngineParts): RiskCheckedVenue {
    return new RiskCheckedVenue({
      venue: reportTap(this.#chains, (report) => this.#autoHalts.report(report)),
      limits: parts.limits ?? NO_LIMITS,
      clock: parts.clock,
      quote: (symbol) => this.quotes.quote(symbol),
      tickSize: (symbol) => parts.instruments?.(symbol)?.tickSize,
      onRefusal: (refusal) => this.#riskCounts.refused(refusal.rule),
      onDelay: (rule) => this.#riskCounts.delayed(rule),
      exposure: this.#exposure,
      tradingStates: this.#tradingStates,
      net: (symbol) => this.#positions.of(symbol).net,
    });
  }

  /**
   * A report the delegates worked out themselves for a request the venue never answered:
   * journaled like the venue's, and followed by the child checks and the halts as one.
   */
  #resolved(report: Report): void {
    this.#journaledVenue.recordResolved(report);
    this.#checked.resolved(report);
    this.#halts.onReport(report);
  }

  /** Counts a restored order's children still working in the child checks, before it acts again. */
  #adoptChildren(recovered: RecoveredOrder): void {
    const { children, fills } = recovered.parent;
    for (const child of children) {
      const { clOrdId } = child.request;
      let filled = ZERO;
      for (const fill of fills) if (fill.clOrdId === clOrdId) filled = filled.plus(fill.qty);
      this.#checked.adopt(child.request, child.status, filled);
    }
  }

  /** Cancels the children still working in the halted scopes (after a restart). */
  #cancelHalted(): void {
    const states = this.#tradingStates;
    const halt = (scope: TradingScope, symbol?: string): void =>
      this.#halts.halt(scope, this.#checked.workingChildren(symbol));
    if (states.global === 'halted') {
      halt({ scope: 'global' });
      return;
    }
    for (const [symbol, state] of states.symbols()) {
      if (state === 'halted') halt(scopeOf(symbol), symbol);
    }
  }

  /** The trading states in force, in the metrics (none counted as a change: they were). */
  #showTradingStates(): void {
    this.metrics.tradingState('global', this.#tradingStates.global, false);
    for (const [symbol, state] of this.#tradingStates.symbols()) {
      this.metrics.tradingState(symbol, state, false);
    }
  }

  /** Refuses, before anything is written, a change naming an unknown symbol, state or `by`. */
  #assertTradingStateRequest(request: TradingStateRequest): void {
    const { symbol, state, by } = request;
    if (this.#stopping !== undefined) {
      throw new InstructionError('stopped', undefined, 'the engine is stopping');
    }
    const problem =
      symbol !== undefined && !this.symbols.includes(symbol)
        ? `symbol: unknown symbol ${JSON.stringify(symbol)} (known: ${this.symbols.join(', ')})`
        : !isTradingState(state)
          ? `state: expected active, reducing or halted, got ${JSON.stringify(state)}`
          : !TRADING_STATE_CHANGED_BY.includes(by)
            ? `by: expected ${TRADING_STATE_CHANGED_BY.join(', ')}, got ${JSON.stringify(by)}`
            : undefined;
    if (problem !== undefined)
      throw new InstructionError('invalid_instruction', undefined, problem);
  }

  #fail(error: EngineError): void {
    this.#parts.onError?.(error);
  }

  #scheduleStats(): void {
    if (this.#stopping !== undefined) return;
    const interval = this.#parts.statsIntervalMs ?? 1000;
    this.#statsTimer = this.clock.setTimer(this.clock.now() + interval, () => {
      this.events.emit('event', { type: 'stats', stats: this.stats() });
      this.#scheduleStats();
    });
  }
}

/** A row the journal refused (not a failure of the journal): reported, intake carries on. */
function journalRefusal(error: unknown): EngineError {
  return { source: 'observer', error, message: `journal refused a row: ${String(error)}` };
}

function observerError(error: unknown): EngineError {
  return { source: 'observer', error, message: `event watcher failed: ${String(error)}` };
}
