import {
  readClOrdId,
  readCompletion,
  readCursors,
  readFill,
  readInstruction,
  readIntent,
  readRefusal,
  readReplace,
  readReport,
  readTradingStateChange,
} from '../journal/journal-bodies.js';
import type { JournalRow, JsonValue } from '../journal/journal-row.js';
import type { JournalSnapshot, SnapshotOrder } from '../journal/journal-snapshot.js';
import { ParseError } from '../market/parse-error.js';
import { Positions } from '../risk/positions.js';
import { TradingStates } from '../risk/trading-states.js';
import { recoveredFromJSON, recoveredToJSON } from './recovered-json.js';
import type { RecoveredOrder } from './recovered-order.js';
import { RecoveryError } from './recovery-error.js';
import { type FillListener, ReplayedOrder } from './replayed-order.js';

/**
 * The snapshot entry that holds the book's venue cursors, the last row it folded, the risk limits
 * last journaled, the trading states and the positions from every fill, beside the orders'
 * entries; never an order ID
 * (those start with the exo prefix).
 */
export const BOOK_ENTRY_ID = '~recovery-book';

/**
 * The live orders folded from the journal: every parent from its `new` instruction to its
 * `order_completed` row, per venue the last fills cursor journaled (where reconciliation asks for
 * fills from), the risk limits last journaled, the trading states the journal's changes leave
 * in force, and the positions every fill counted adds up to (completed orders' included). Fed a snapshot and then the rows after it, or every row from the
 * start, it holds the same: its own snapshot bodies are what `snapshotEntries` writes.
 */
export class RecoveryBook {
  readonly #orders = new Map<string, ReplayedOrder>();
  readonly #onCompleted: ((order: ReplayedOrder) => void) | undefined;

  /** `onCompleted` hears each order as it completes (ended as journaled), before the book forgets it. */
  constructor(onCompleted?: (order: ReplayedOrder) => void) {
    this.#onCompleted = onCompleted;
  }

  readonly #cursors = new Map<string, string>();
  #limits: JsonValue | undefined;
  #tradingStates = new TradingStates();
  #positions = new Positions();
  /** Adds each fill a replayed order counts (from a row or from reconciliation) to the positions. */
  readonly #onFill: FillListener = (parent, fill) =>
    this.#positions.fill(parent.symbol, parent.side, fill.qty, fill.px, fill.time);
  #lastSequence = 0;
  #rows = 0;

  /** The highest row sequence folded (or covered by the snapshot loaded). */
  get lastSequence(): number {
    return this.#lastSequence;
  }

  /** How many rows were folded (a loaded snapshot's rows not counted). */
  get rows(): number {
    return this.#rows;
  }

  /** The risk limits of the last `limits_changed` row, as journaled; undefined when none was. */
  get limits(): JsonValue | undefined {
    return this.#limits;
  }

  /** The trading states the journal's `trading_state_changed` rows leave in force. */
  get tradingStates(): TradingStates {
    return this.#tradingStates;
  }

  /** The positions from every fill the journal holds (see Positions). */
  get positions(): Positions {
    return this.#positions;
  }

  /** The number of live orders. */
  get size(): number {
    return this.#orders.size;
  }

  /** The live order with this ID, if any. */
  order(orderId: string): ReplayedOrder | undefined {
    return this.#orders.get(orderId);
  }

  /** The live orders, in the order they were created. */
  orders(): IterableIterator<ReplayedOrder> {
    return this.#orders.values();
  }

  /** The last fills cursor journaled per venue. */
  cursors(): ReadonlyMap<string, string> {
    return this.#cursors;
  }

  /**
   * A venue's fills cursor as journaled next. Cursors are opaque, so the latest in the journal's
   * order wins: each was journaled only once every fill before it was (see JournaledVenue), so an
   * earlier one coming later only makes the next restart list again fills it has (and drops them
   * as duplicates), never skip one.
   */
  noteCursor(venue: string, cursor: string): void {
    this.#cursors.set(venue, cursor);
  }

  /**
   * Starts from a snapshot: its orders, and its book entry's cursors and folded sequence (a
   * snapshot taken while rows were still uncommitted covers less than its header says). Throws
   * RecoveryError naming the order whose body is damaged.
   */
  load(snapshot: JournalSnapshot): void {
    let folded = snapshot.coversSequence;
    for (const entry of snapshot.orders) {
      try {
        if (entry.orderId === BOOK_ENTRY_ID) {
          for (const [venue, cursor] of readCursors(entry.body, 'book')) {
            this.noteCursor(venue, cursor);
          }
          folded = Math.min(folded, foldedThrough(entry.body));
          if (isObject(entry.body) && entry.body.limits !== undefined) {
            this.#limits = entry.body.limits;
          }
          if (isObject(entry.body) && entry.body.tradingStates !== undefined) {
            this.#tradingStates = TradingStates.fromJSON(entry.body.tradingStates);
          }
          if (isObject(entry.body) && entry.body.positions !== undefined) {
            this.#positions = Positions.fromJSON(entry.body.positions);
          }
          continue;
        }
        const recovered = recoveredFromJSON(entry.body);
        this.#orders.set(entry.orderId, ReplayedOrder.from(recovered, this.#onFill));
      } catch (error) {
        throw RecoveryError.fromSnapshot(snapshot.id, entry.orderId, error);
      }
    }
    this.#lastSequence = folded;
  }

  /** Folds one row; throws RecoveryError naming the row when its body breaks the contract. */
  apply(row: JournalRow): void {
    if (row.sequence <= this.#lastSequence) return;
    this.#lastSequence = row.sequence;
    this.#rows++;
    try {
      this.#fold(row);
    } catch (error) {
      if (error instanceof ParseError) throw RecoveryError.fromRow(row, error);
      throw error;
    }
  }

  /** Every live order as recovered now. */
  recovered(): RecoveredOrder[] {
    return Array.from(this.#orders.values(), (order) => order.recovered());
  }

  /** The snapshot entries of the book now: one per live order, and the book's own. */
  snapshotEntries(): SnapshotOrder[] {
    const entries: SnapshotOrder[] = [];
    for (const order of this.#orders.values()) {
      entries.push({ orderId: order.orderId, body: recoveredToJSON(order.recovered()) });
    }
    entries.push({
      orderId: BOOK_ENTRY_ID,
      body: {
        venueCursors: Object.fromEntries(this.#cursors),
        foldedThrough: this.#lastSequence,
        ...(this.#limits === undefined ? {} : { limits: this.#limits }),
        tradingStates: this.#tradingStates.toJSON(),
        positions: this.#positions.toJSON(),
      },
    });
    return entries;
  }

  #fold(row: JournalRow): void {
    const { orderId, body, time } = row;
    switch (row.kind) {
      case 'instruction_accepted': {
        const instruction = readInstruction(body);
        const live = this.#orders.get(orderId);
        if (live !== undefined) live.instruct(instruction, time);
        else if (instruction.msgType === 'new') {
          this.#orders.set(orderId, ReplayedOrder.begin(orderId, instruction, time, this.#onFill));
        }
        return;
      }
      case 'instruction_refused':
        this.#orders.get(orderId)?.refuse(readRefusal(body), time);
        return;
      case 'child_intent':
        this.#orders.get(orderId)?.intend(readIntent(body), time);
        return;
      case 'child_replace':
        this.#orders.get(orderId)?.replaceChild(readReplace(body), time);
        return;
      case 'child_cancel':
        this.#orders.get(orderId)?.cancelChild(readClOrdId(body), time);
        return;
      case 'venue_report': {
        const report = readReport(body);
        if (report.cursor !== undefined) this.noteCursor(report.venue, report.cursor);
        this.#orders.get(orderId)?.report(report, time);
        return;
      }
      case 'fill': {
        const fill = readFill(body);
        if (fill.cursor !== undefined) this.noteCursor(fill.venue, fill.cursor);
        this.#orders.get(orderId)?.fill(fill, time);
        return;
      }
      case 'checkpoint':
        this.#orders.get(orderId)?.checkpoint(checkpointState(body));
        return;
      case 'order_completed': {
        const completed = this.#orders.get(orderId);
        if (completed === undefined) return;
        this.#orders.delete(orderId);
        if (this.#onCompleted === undefined) return;
        const { status, text } = readCompletion(body);
        completed.complete(status, text, time);
        this.#onCompleted(completed);
        return;
      }
      case 'recovery':
        for (const [venue, cursor] of readCursors(body)) this.noteCursor(venue, cursor);
        return;
      case 'limits_changed':
        this.#limits = isObject(body) ? body.limits : undefined;
        return;
      case 'trading_state_changed': {
        const change = readTradingStateChange(body);
        this.#tradingStates.set(change, change.state);
        return;
      }
    }
  }
}

function isObject(body: JsonValue): body is { readonly [key: string]: JsonValue } {
  return typeof body === 'object' && body !== null && !Array.isArray(body);
}

function checkpointState(body: JsonValue): JsonValue {
  if (!isObject(body) || !('state' in body)) {
    throw ParseError.expected('body.state', 'a checkpoint state', body);
  }
  return body.state ?? null;
}

function foldedThrough(body: JsonValue): number {
  const value = isObject(body) ? body.foldedThrough : body;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw ParseError.expected('book.foldedThrough', 'a non-negative integer', value);
  }
  return value;
}
