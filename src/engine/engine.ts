import type { CancelTimer, Clock } from '../core/clock.js';
import type { DelegateFactory } from '../core/delegate.js';
import { Dispatcher } from '../core/dispatcher.js';
import { Emitter } from '../core/emitter.js';
import type { EngineError } from '../core/errors.js';
import type { MarketDataSubscriber } from '../core/market-data.js';
import type { Journal } from '../journal/journal.js';
import type { JournalUnavailableError } from '../journal/journal-errors.js';
import type { JournalRow } from '../journal/journal-row.js';
import type { Report } from '../market/report.js';
import type { OrderEvent, OrderEventListener } from '../orders/order-event.js';
import type { ParentSnapshot } from '../orders/order-snapshot.js';
import type { ParentOrder } from '../orders/parent-order.js';
import { type ParentView, viewOf } from '../orders/parent-view.js';
import { OrderHistory } from '../recovery/history.js';
import type { RecoveryNotice } from '../recovery/reconcile.js';
import { type RecoveryOutcome, recover } from '../recovery/recover.js';
import type { RecoveryBook } from '../recovery/recovery-book.js';
import { SnapshotWriter } from '../recovery/snapshot-writer.js';
import type { Venue } from '../venues/venue.js';
import { AppliedFills } from './applied-fills.js';
import { CommitGate } from './commit-gate.js';
import { EngineJournal } from './engine-journal.js';
import { initialSnapshot } from './initial-snapshot.js';
import { instrumentedFactory } from './instrumented-factory.js';
import { Intake, type IntakePhase } from './intake.js';
import type { EngineHealth } from './intake-closed-error.js';
import { rebuildIntakeIndexes } from './intake-indexes.js';
import { JournaledVenue } from './journaled-venue.js';
import { MemoryOrderStore } from './memory-order-store.js';
import { createMetrics, type ServiceMetrics } from './metrics.js';
import type { OrderStore } from './order-store.js';
import { QuoteBoard } from './quote-board.js';
import { recoveryNotice, recoverySummary, snapshotFailure } from './recovery-events.js';
import { type EngineStats, engineStats, type ServiceEvents } from './service-event.js';
import { SharedMarketData } from './shared-market-data.js';
import { uniqueNumbers } from './unique-numbers.js';

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
  /** The symbols orders may trade; each is watched for the quote board. */
  readonly symbols: readonly string[];
  readonly store?: OrderStore;
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
  /** Closes the market data source once everything else has stopped. */
  readonly closeMarketData?: () => void | Promise<void>;
  /** Hears every error the engine caught and carried on past. */
  readonly onError?: (error: EngineError) => void;
  /** Hears, once, that the journal can no longer write and intake has stopped. */
  readonly onJournalUnavailable?: (error: JournalUnavailableError) => void;
}

/**
 * The running execution engine: a dispatcher whose delegates report order events into the store,
 * the watchers' event stream and the metrics; market data shared between the dispatcher and the
 * quote board; instructions, child requests and venue reports journaled ahead (by intake and the
 * JournaledVenue), and watchers' events held until the rows before them committed.
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
  /** Each live order as last instructed (accepted or replaced): what the next change starts from. */
  readonly #working = new Map<string, ParentOrder>();
  readonly #journal: EngineJournal;
  /** Holds events for watchers until the rows before them committed. */
  readonly #gate: CommitGate;
  #statsTimer: CancelTimer | undefined;
  #stopping: Promise<void> | undefined;
  #snapshots: SnapshotWriter | undefined;
  /** The live parents' children and journaled fills: duplicates, reused IDs, cumQty run ahead. */
  readonly #fills = new AppliedFills();
  /** The venue as the engine journals it, told when recovery has reconciled. */
  readonly #journaledVenue: JournaledVenue;
  /** Orders known before the last stop, folded from the journal at start, for recover(). */
  #journaled: ParentSnapshot[];
  /** The live orders folded by the start's one pass over the journal, until recovery takes them. */
  #book: RecoveryBook | undefined;

  constructor(parts: EngineParts) {
    this.#parts = parts;
    this.clock = parts.clock;
    this.symbols = parts.symbols;
    this.algos = parts.algos;
    this.store = parts.store ?? new MemoryOrderStore();
    this.events = new Emitter<ServiceEvents>((error) => this.#fail(observerError(error)));
    this.quotes = new QuoteBoard({
      clock: parts.clock,
      intervalMs: parts.quoteIntervalMs ?? 250,
      show: (quote) => this.events.emit('event', { type: 'quote', quote }),
    });
    this.#marketData = new SharedMarketData(parts.marketData, {
      quote: (quote) => this.quotes.push(quote),
      trade: () => {},
    });
    const nextNumber = uniqueNumbers(parts.clock);
    const journal = new EngineJournal(parts.journal, {
      nextNumber,
      onUnavailable: (error) => this.#onJournalUnavailable(error),
      onRefused: (error) => this.#fail(journalRefusal(error)),
    });
    this.#journal = journal;
    this.#gate = new CommitGate(() => journal.committed());
    this.#journaledVenue = new JournaledVenue({
      venue: parts.venue,
      journal: parts.journal,
      clock: parts.clock,
      fills: this.#fills,
      nextNumber,
      onDuplicateFill: () => this.metrics.duplicateFill(),
      onFillNotice: (notice) => this.#onVenueNotice(notice),
      onJournalError: (error) => journal.noteFailure(error),
    });
    this.venue = this.#journaledVenue;
    const listener: OrderEventListener = (event, order) => this.#onOrderEvent(event, order);
    const factory = parts.createFactory(listener, this.venue, (report) =>
      this.#journaledVenue.recordResolved(report),
    );
    this.dispatcher = new Dispatcher<ParentOrder>({
      factory: instrumentedFactory(factory, {
        actionSeconds: (seconds) => this.metrics.actionSeconds(seconds),
        cleanedUp: (orderId) => {
          this.cleanedUp++;
          this.metrics.cleanedUp(orderId);
        },
      }),
      marketData: this.#marketData,
      clock: parts.clock,
    });
    this.metrics = createMetrics({ stats: this.dispatcher.stats, store: this.store });
    this.intake = new Intake({
      dispatcher: this.dispatcher,
      store: this.store,
      clock: parts.clock,
      symbols: parts.symbols,
      algos: parts.algos,
      working: this.#working,
      journal: this.#journal,
      stopping: () => this.#stopping !== undefined,
    });
    // One pass over the whole journal at start: the intake's indexes, the orders that recover()
    // puts back into the store, and the book of live orders that recovery goes on from.
    const history = new OrderHistory(parts.clock);
    const rows = observed(parts.journal.readFrom(0), (row) => history.apply(row));
    rebuildIntakeIndexes(rows, this.intake.idempotency, this.#fills);
    ({ orders: this.#journaled, book: this.#book } = history.take());
    this.dispatcher.on('accepted', (order) => this.#onAccepted(order));
    this.dispatcher.on('restored', (order) => this.#working.set(order.orderId, order));
    this.dispatcher.on('instructed', (order) => {
      if (order.msgType === 'replace') this.#working.set(order.orderId, order);
    });
    this.dispatcher.on('completed', (order) => this.#onCompleted(order));
    this.dispatcher.on('checkpoint', (order, state) => this.#journal.checkpoint(order, state));
    this.dispatcher.on('error', (error) => this.#onEngineError(error));
    this.venue.onReport((report) => this.dispatcher.report(report));
  }

  /** Subscribes every symbol for the quote board and starts publishing stats. */
  async start(): Promise<void> {
    await Promise.all(this.symbols.map((symbol) => this.#marketData.watch(symbol)));
    this.#scheduleStats();
  }

  /**
   * After a restart, brings back what the journal holds, before intake opens: every order into
   * the store in the order they arrived (completed ones as they ended, live ones as journaled),
   * so that listings keep their order; then live orders reconciled with the venue and restored
   * into the dispatcher, where their delegates bring them up to date. Then snapshots are kept so
   * the next recovery replays only the tail. Announces a `recovery_completed` event and returns
   * what recovery did.
   */
  async recover(): Promise<RecoveryOutcome> {
    const { journal } = this.#parts;
    for (const order of this.#journaled.splice(0)) {
      this.store.record(
        { kind: 'restored', orderId: order.orderId, time: order.updatedAt },
        viewOf(order),
      );
    }
    // Reconciliation journals the fills the venue says the journal lacks: their keys join the
    // live ones, so that the same fill arriving later as a venue report is known as a duplicate.
    const unfollow = journal.follow((rows) =>
      rebuildIntakeIndexes(rows, this.intake.idempotency, this.#fills),
    );
    let outcome: RecoveryOutcome;
    try {
      const book = this.#book;
      this.#book = undefined;
      outcome = await recover({
        journal,
        venue: this.#parts.venue,
        dispatcher: this.dispatcher,
        clock: this.clock,
        ...(book === undefined ? {} : { book }),
      });
      // The recovery row is durable and the orders restored: the reports held meanwhile follow.
      this.#journaledVenue.reconciled();
      await journal.committed();
    } finally {
      unfollow();
    }
    this.#snapshots = new SnapshotWriter({
      journal,
      clock: this.clock,
      book: outcome.book,
      ...(this.#parts.snapshotEveryRows === undefined
        ? {}
        : { everyRows: this.#parts.snapshotEveryRows }),
      onError: (error) => this.#fail(snapshotFailure(error)),
    });
    this.#snapshots.start();
    for (const notice of outcome.notices) this.#onVenueNotice(notice);
    this.events.emit('event', { type: 'recovery_completed', outcome: recoverySummary(outcome) });
    return outcome;
  }

  /** `recovering` until `ready()`. */
  get phase(): IntakePhase {
    return this.intake.phase;
  }

  /**
   * Opens intake once recovery is done: mutating requests are refused until then. An engine that
   * skipped recovery (a fresh journal in tests) has restored nothing: its venue reports flow now.
   */
  ready(): void {
    if (this.#snapshots === undefined) this.#journaledVenue.reconciled();
    this.intake.ready();
  }

  /** How the engine is doing: ok, recovering, or stopped by its journal (with the reason). */
  health(): EngineHealth {
    return this.intake.health();
  }

  /** The dispatcher's counters as watchers see them, now. */
  stats(): EngineStats {
    return engineStats(this.dispatcher.stats, this.dispatcher.size, this.clock.now());
  }

  /**
   * Stops intake, lets the delegates clean up (orders are left as they are), then closes the
   * venue, the market data, the store, the snapshot writer and the journal. Safe to call more
   * than once.
   */
  stop(): Promise<void> {
    this.#stopping ??= this.#stop();
    return this.#stopping;
  }

  async #stop(): Promise<void> {
    this.#statsTimer?.();
    this.quotes.close();
    await this.dispatcher.stop();
    await this.#parts.venue.close();
    await this.#marketData.close();
    await this.#parts.closeMarketData?.();
    await this.store.close();
    await this.#snapshots?.stop();
    await this.#parts.journal.close();
  }

  #onCompleted(order: ParentOrder): void {
    this.#working.delete(order.orderId);
    this.intake.completed(order.orderId);
    this.#fills.forget(order.orderId);
    const status = this.store.get(order.orderId)?.status ?? 'canceled';
    this.#journal.completed(order.orderId, status);
  }

  /**
   * A disagreement with the venue that recovery or the journaled venue found: logged as an engine
   * error, shown as the order's `error` event, and counted in /metrics by kind.
   */
  #onVenueNotice(notice: RecoveryNotice): void {
    this.metrics.discrepancy(notice.kind);
    this.#onEngineError(recoveryNotice(notice));
  }

  /** The journal cannot write: intake has stopped; watchers and the log hear why, once. */
  #onJournalUnavailable(error: JournalUnavailableError): void {
    this.#parts.onJournalUnavailable?.(error);
    this.events.emit('event', {
      type: 'engine_error',
      error: 'journal_unavailable',
      message: `intake stopped: ${error.message}`,
    });
  }

  /** The dispatcher's acceptance is the authority: the order is stored as it is accepted. */
  #onAccepted(order: ParentOrder): void {
    this.#working.set(order.orderId, order);
    const time = this.clock.now();
    const accepted = { kind: 'accepted', orderId: order.orderId, time } as const;
    this.#record(accepted, viewOf(initialSnapshot(order, time)));
  }

  #onOrderEvent(event: OrderEvent, order: ParentView): void {
    // A delegate announcing its own acceptance repeats what the dispatcher's acceptance recorded.
    if (event.kind === 'accepted' && this.#working.has(event.orderId)) return;
    this.#record(event, order);
  }

  #record(event: OrderEvent, order: ParentView): void {
    this.store.record(event, order);
    if (event.kind === 'fill') this.metrics.fill();
    // Nobody watching (no dashboard, no event stream) is the common case under load.
    if (this.events.listenerCount('event') === 0) return;
    // The event leaves once the rows before it committed, showing the order as it was then.
    const then = viewOf(order.snapshot());
    this.#gate.hold(() => this.events.emit('event', { type: 'order', event, order: then }));
  }

  /** An engine error about an order becomes that order's `error` event, so watchers see it. */
  #onEngineError(error: EngineError): void {
    this.#fail(error);
    const snapshot = error.orderId === undefined ? undefined : this.store.get(error.orderId);
    if (snapshot === undefined || error.source === 'report') return;
    const event: OrderEvent = {
      kind: 'error',
      orderId: snapshot.orderId,
      time: this.clock.now(),
      message: error.message,
    };
    this.#record(event, viewOf(snapshot));
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

/** The rows as they are read, each also shown to `see`: two folds in one pass over the journal. */
function* observed(
  rows: Iterable<JournalRow>,
  see: (row: JournalRow) => void,
): Generator<JournalRow> {
  for (const row of rows) {
    see(row);
    yield row;
  }
}
