import type { Clock } from '../core/clock.js';
import type { Dispatcher } from '../core/dispatcher.js';
import type { Emitter } from '../core/emitter.js';
import type { EngineError } from '../core/errors.js';
import type { Journal } from '../journal/journal.js';
import type { JournalRow } from '../journal/journal-row.js';
import type { ParentSnapshot } from '../orders/order-snapshot.js';
import type { ParentOrder } from '../orders/parent-order.js';
import { viewOf } from '../orders/parent-view.js';
import { OrderHistory } from '../recovery/history.js';
import type { RecoveryNotice } from '../recovery/reconcile.js';
import { type RecoveryOutcome, recover } from '../recovery/recover.js';
import type { RecoveredOrder } from '../recovery/recovered-order.js';
import type { RecoveryBook } from '../recovery/recovery-book.js';
import { SnapshotWriter } from '../recovery/snapshot-writer.js';
import { TradingStates } from '../risk/trading-states.js';
import type { ClientIdChains } from '../venues/client-id-chains.js';
import type { AppliedFills } from './applied-fills.js';
import type { IdempotencyIndex } from './idempotency-index.js';
import { rebuildIntakeIndexes } from './intake-indexes.js';
import type { JournaledVenue } from './journaled-venue.js';
import type { OrderStore } from './order-store.js';
import { recoverySummary, snapshotFailure } from './recovery-events.js';
import type { ServiceEvents } from './service-event.js';

/** What an engine's start and recovery read, rebuild and announce. */
export interface EngineRecoveryParts {
  readonly journal: Journal;
  readonly clock: Clock;
  /**
   * The venue itself (not journaled), that recovery reconciles the live orders with: its renamed
   * children's chains are given back from the journal at construction, before any report.
   */
  readonly venue: ClientIdChains;
  /** The journaled venue, told once recovery has reconciled so the reports it held follow. */
  readonly journaledVenue: JournaledVenue;
  readonly dispatcher: Dispatcher<ParentOrder>;
  readonly store: OrderStore;
  /** Intake's answered Idempotency-Keys, rebuilt from the journal. */
  readonly idempotency: IdempotencyIndex;
  /** The live parents' children and journaled fills, rebuilt from the journal. */
  readonly fills: AppliedFills;
  readonly events: Emitter<ServiceEvents>;
  /** The prefix of this engine's client order IDs, under which reconciliation looks for orphans (`exo-` if absent). */
  readonly prefix?: string;
  /** Journal rows between two snapshots of the live orders (the SnapshotWriter's default if absent). */
  readonly snapshotEveryRows?: number;
  /** Told of each disagreement with the venue that recovery found. */
  readonly venueNotice: (notice: RecoveryNotice) => void;
  /** Told of each live order just before the dispatcher restores it (before its delegate acts). */
  readonly restoring?: (recovered: RecoveredOrder) => void;
  /** Hears every error the engine caught and carried on past. */
  readonly fail: (error: EngineError) => void;
}

/**
 * An engine's start and recovery: at construction, one pass over the whole journal rebuilds the
 * intake's indexes and folds the orders known before the last stop and the book of live ones;
 * `recover()` then brings them back and keeps snapshots from there on.
 */
export class EngineRecovery {
  readonly #parts: EngineRecoveryParts;
  /** Orders known before the last stop, folded from the journal at start, for recover(). */
  #journaled: ParentSnapshot[];
  /** The live orders folded by the start's one pass over the journal, until recovery takes them. */
  #book: RecoveryBook | undefined;
  #snapshots: SnapshotWriter | undefined;

  constructor(parts: EngineRecoveryParts) {
    this.#parts = parts;
    // One pass over the whole journal at start: the intake's indexes, the orders that recover()
    // puts back into the store, and the book of live orders that recovery goes on from.
    const history = new OrderHistory();
    const rows = observed(parts.journal.readFrom(0), (row) => history.apply(row));
    rebuildIntakeIndexes(rows, parts.idempotency, parts.fills);
    ({ orders: this.#journaled, book: this.#book } = history.take());
    for (const order of this.#book.orders()) {
      for (const child of order.state.save().children) {
        if (child.clientIds !== undefined) {
          parts.venue.follow(child.clientIds.ids, child.clientIds.current);
        }
      }
    }
  }

  /**
   * The trading states the journal's changes left in force, as the start's pass folded them (all
   * `active` once recover() has taken the book, or for a fresh journal).
   */
  get journaledTradingStates(): TradingStates {
    return this.#book?.tradingStates ?? new TradingStates();
  }

  /** Whether recover() reconciled with the venue (and keeps snapshots since). */
  get recovered(): boolean {
    return this.#snapshots !== undefined;
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
    const { journal, store, clock } = this.#parts;
    for (const order of this.#journaled.splice(0)) {
      store.record(
        { kind: 'restored', orderId: order.orderId, time: order.updatedAt },
        viewOf(order),
      );
    }
    // Reconciliation journals the fills the venue says the journal lacks: their keys join the
    // live ones, so that the same fill arriving later as a venue report is known as a duplicate.
    const unfollow = journal.follow((rows) =>
      rebuildIntakeIndexes(rows, this.#parts.idempotency, this.#parts.fills),
    );
    let outcome: RecoveryOutcome;
    try {
      const book = this.#book;
      this.#book = undefined;
      const { dispatcher, restoring } = this.#parts;
      outcome = await recover({
        journal,
        venue: this.#parts.venue,
        dispatcher: {
          restore: (order, recovered, options) => {
            restoring?.(recovered);
            return dispatcher.restore(order, recovered, options);
          },
        },
        clock,
        ...(this.#parts.prefix === undefined ? {} : { prefix: this.#parts.prefix }),
        ...(book === undefined ? {} : { book }),
      });
      // The recovery row is durable and the orders restored: the reports held meanwhile follow.
      this.#parts.journaledVenue.reconciled();
      await journal.committed();
    } finally {
      unfollow();
    }
    const { snapshotEveryRows } = this.#parts;
    this.#snapshots = new SnapshotWriter({
      journal,
      clock,
      book: outcome.book,
      ...(snapshotEveryRows === undefined ? {} : { everyRows: snapshotEveryRows }),
      onError: (error) => this.#parts.fail(snapshotFailure(error)),
    });
    this.#snapshots.start();
    for (const notice of outcome.notices) this.#parts.venueNotice(notice);
    const summary = recoverySummary(outcome);
    this.#parts.events.emit('event', { type: 'recovery_completed', outcome: summary });
    return outcome;
  }

  /** Stops the snapshot writer, if recovery started one. */
  stop(): Promise<void> | undefined {
    return this.#snapshots?.stop();
  }
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
