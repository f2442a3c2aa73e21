import type { ExecType } from '../market/exec-type.js';
import type { JsonOf } from '../market/json.js';
import type { OrdStatus } from '../market/ord-status.js';
import type { Side } from '../market/side.js';
import type { TimeInForce } from '../market/time-in-force.js';
import type { TradingScope, TradingState } from '../market/trading-state.js';
import type { FillRecord } from '../orders/order-snapshot.js';
import type { JsonValue } from './journal-row.js';

/**
 * The bodies the service writes to the journal, one per kind, and their idempotency keys.
 * This file is the contract between the writer (the service) and the reader (recovery, export):
 * decimals are strings, times are milliseconds since the epoch, and every body names its order.
 */

/** `instruction_accepted`: a new, replace or cancel the engine accepted (the whole order as then). */
export interface InstructionRecord {
  readonly msgType: 'new' | 'replace' | 'cancel';
  readonly orderId: string;
  readonly side: Side;
  readonly symbol: string;
  readonly quantity: string;
  readonly limitPrice?: string;
  readonly algo: string;
  readonly params: { readonly [key: string]: JsonValue };
  /** The client's own ID for the order, when it gave one (absent from rows written before it). */
  readonly clientOrderId?: string;
  /** The HTTP request's Idempotency-Key and what was answered, so a retry gets the same answer. */
  readonly idempotency?: IdempotencyRecord;
}

/** What an idempotent HTTP request was, and what it was answered. */
export interface IdempotencyRecord {
  readonly key: string;
  /** A digest of the method, path and body: the same key with another body is refused. */
  readonly requestHash: string;
  readonly status: number;
  readonly response: JsonValue;
}

/** `child_intent`: a child about to be sent; journaled (and committed) before the request leaves. */
export interface ChildIntentRecord {
  readonly clOrdId: string;
  readonly parentId: string;
  readonly venue: string;
  readonly symbol: string;
  readonly side: Side;
  readonly quantity: string;
  readonly limitPrice?: string;
  readonly timeInForce: TimeInForce;
}

/** `child_replace`: a replace about to be sent for a child. */
export interface ChildReplaceRecord {
  readonly clOrdId: string;
  /** The fresh client ID offered to a venue that may rename the order (ChildReplaceRequest). */
  readonly newClOrdId?: string;
  readonly venue: string;
  readonly quantity?: string;
  readonly limitPrice?: string;
}

/** `child_cancel`: a cancel about to be sent for a child. */
export interface ChildCancelRecord {
  readonly clOrdId: string;
  readonly venue: string;
}

/** `venue_report`: a venue's report on a child, as received (fills are journaled as `fill` too). */
export interface VenueReportRecord {
  readonly venue: string;
  /** The child's identity. */
  readonly clOrdId: string;
  /** The client ID the venue named the order by, when a replace renamed it (see Report). */
  readonly venueClOrdId?: string;
  readonly venueOrderId?: string;
  readonly execId?: string;
  readonly execType?: ExecType;
  readonly status: OrdStatus;
  readonly cumQty?: string;
  readonly leavesQty?: string;
  readonly avgPx?: string;
  readonly text?: string;
  readonly transactTime: number;
  /**
   * The venue's fills cursor as of this report, where it gives one (see ReportSink): where the
   * next restart asks `fillsSince` from. Rows written before cursors were opaque hold the venue's
   * report sequence as a number in `venueSeq` instead, read as that number's text.
   */
  readonly cursor?: string;
}

/**
 * `fill`: one execution on one child, unique by venue and exec ID: exo's FillRecord in its JSON
 * form (`synthetic` included), plus the venue, its cursor and the flags below.
 */
export interface FillJournalRecord extends JsonOf<FillRecord> {
  readonly venue: string;
  /** The venue's fills cursor just after this fill (see VenueReportRecord.cursor). */
  readonly cursor?: string;
  /** True when the child (or parent) had no quantity left for it: applied, and flagged. */
  readonly overfill?: boolean;
  /** True when no known child matched: journaled (under journalKeys.unmatchedFill), reported, never applied. */
  readonly unmatched?: boolean;
  /**
   * True when the venue had already used this exec ID for a fill with other terms: this one is
   * kept under a key of its own (journalKeys.conflictingFill), and reported.
   */
  readonly reusedExecId?: boolean;
}

/**
 * A fill's terms: the child, exec ID, quantity and price of exo's FillRecord, without its time.
 * What a `fill` body is written from, and what a second fill under the same key must match to be
 * a repeat.
 */
export type FillTerms = Pick<FillRecord, 'clOrdId' | 'execId' | 'qty' | 'px'>;

/** The flags a `fill` body may carry besides its venue, terms and time. */
export type FillFlags = Omit<FillJournalRecord, 'venue' | keyof FillTerms | 'time'>;

/** A `fill` body: the execution's terms with decimals as plain strings, its time and its flags. */
export function fillRecord(
  venue: string,
  fill: FillTerms,
  time: number,
  flags: FillFlags = {},
): FillJournalRecord {
  return {
    venue,
    clOrdId: fill.clOrdId,
    execId: fill.execId,
    qty: fill.qty.toFixed(),
    px: fill.px.toFixed(),
    time,
    ...flags,
  };
}

/** `checkpoint`: a delegate's small saved state (twap's schedule, say). */
export interface CheckpointRecord {
  readonly state: JsonValue;
}

/**
 * `instruction_refused`: a replace or cancel journaled as accepted that the dispatcher then refused
 * (the order completed first, or its algorithm refused the change). The order keeps the terms it
 * had: `terms` gives them when no later instruction for the order was journaled meanwhile (a later
 * one carries whole terms of its own). `idempotency` is the refusal as the client was answered.
 */
export interface InstructionRefusedRecord {
  readonly msgType: 'replace' | 'cancel';
  readonly code: string;
  readonly reason: string;
  readonly terms?: { readonly quantity: string; readonly limitPrice?: string };
  readonly idempotency?: IdempotencyRecord;
}

/** `order_completed`: the parent reached a terminal status; its rows may be pruned later. */
export interface OrderCompletedRecord {
  readonly status: OrdStatus;
  /** The parent's final text, when it has one: why it was rejected. */
  readonly text?: string;
  /**
   * Set when the engine refused a new order after journaling its instruction (the algorithm
   * refused its parameters): no delegate ever ran; the message is what the client was told.
   */
  readonly refusal?: string;
  /**
   * With `refusal`, when the request had an Idempotency-Key: the refusal as the client was
   * answered, which a retry gets again. Journals written before it was kept lack it.
   */
  readonly idempotency?: IdempotencyRecord;
}

/** `recovery`: what a restart found and did. */
export interface RecoveryRecord {
  readonly liveOrders: number;
  readonly fillsRecovered: number;
  readonly childrenAdopted: number;
  readonly childrenRejected: number;
  readonly orphansCancelled: number;
  readonly durationMs: number;
  /**
   * The last fills cursor journaled per venue after reconciliation: the next restart's. Rows
   * written before cursors were opaque hold numbers (report sequences), read as their text.
   */
  readonly venueCursors?: { readonly [venue: string]: string };
  /** The clOrdIds of the orphans cancelled (exo-prefixed venue orders the journal did not know). */
  readonly orphans?: readonly string[];
}

/** Who changed the risk limits: the file at start, a SIGHUP reload, or `PUT /v1/limits`. */
export type LimitsChangedBy = 'start' | 'sighup' | 'http';

/** `limits_changed`: the risk limits in force from this row on, as the limits file holds them. */
export interface LimitsChangedRecord {
  readonly by: LimitsChangedBy;
  /** The file they were read from, for `start` and `sighup`. */
  readonly file?: string;
  readonly limits: { readonly [key: string]: JsonValue };
}

/** The order ID `limits_changed` rows are journaled under: they belong to no order. */
export const LIMITS_ROW_ID = '~limits';

/**
 * Who changed a trading state: an HTTP request, the `exo` command line, the dashboard, or exo
 * itself (an automatic halt).
 */
export type TradingStateChangedBy = 'http' | 'cli' | 'dashboard' | 'auto';

/** Every TradingStateChangedBy, for validation. */
export const TRADING_STATE_CHANGED_BY: readonly TradingStateChangedBy[] = [
  'http',
  'cli',
  'dashboard',
  'auto',
];

/**
 * `trading_state_changed`: the trading state of a scope (global, or a symbol) from this row on,
 * who set it and why. Written before the state takes effect, so a restart comes back in it.
 */
export type TradingStateChangedRecord = TradingScope & {
  readonly state: TradingState;
  readonly by: TradingStateChangedBy;
  /** Why, in the words of whoever changed it; absent when none was given. */
  readonly reason?: string;
};

/** The order ID `trading_state_changed` rows are journaled under: they belong to no order. */
export const TRADING_ROW_ID = '~trading';

/** The idempotency keys of journal rows: unique per thing recorded, so a replay is a no-op. */
export const journalKeys = {
  /** An HTTP request with an Idempotency-Key: the same key can be journaled only once. */
  request: (key: string): string => `http:${key}`,
  /** An instruction without an HTTP key: unique by order and its position among the order's. */
  instruction: (orderId: string, n: number): string => `instr:${orderId}:${n}`,
  intent: (clOrdId: string): string => `intent:${clOrdId}`,
  replace: (clOrdId: string, n: number): string => `replace:${clOrdId}:${n}`,
  /** One per cancel sent: a child may be cancelled again after the venue refused a cancel. */
  cancel: (clOrdId: string, n: number): string => `cancel:${clOrdId}:${n}`,
  report: (venue: string, clOrdId: string, id: string): string =>
    `report:${venue}:${clOrdId}:${id}`,
  fill: (venue: string, execId: string): string => `fill:${venue}:${execId}`,
  /**
   * A fill recovery found matching no live child: apart from the fill's own key, so that booking
   * the same execution later (or another under a reused exec ID) is never taken for a repeat.
   */
  unmatchedFill: (venue: string, execId: string): string => `unmatched-fill:${venue}:${execId}`,
  /** A fill whose exec ID the venue had already used for other terms: keyed by its terms too. */
  conflictingFill: (venue: string, execId: string, terms: string): string =>
    `fill:${venue}:${execId}:conflict:${terms}`,
  /** A refusal of the instruction journaled under `instructionKey`: one per instruction. */
  refused: (instructionKey: string): string => `refused:${instructionKey}`,
  checkpoint: (orderId: string, n: number): string => `checkpoint:${orderId}:${n}`,
  completed: (orderId: string): string => `completed:${orderId}`,
  recovery: (time: number): string => `recovery:${time}`,
  /** One per change: numbered like the other rows' unique numbers. */
  limits: (n: number): string => `limits:${n}`,
  /** One per change of a trading state, numbered the same way. */
  tradingState: (n: number): string => `trading:${n}`,
} as const;
