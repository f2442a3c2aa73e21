import type { Decimal } from '../market/decimal.js';
import type { ExecType } from '../market/exec-type.js';
import type { OrdStatus } from '../market/ord-status.js';
import { ParseError } from '../market/parse-error.js';
import {
  parseExecType,
  parseId,
  parseOrdStatus,
  parsePositiveDecimal,
  parseSequence,
  parseSide,
  parseSymbol,
  parseText,
  parseTime,
  parseTimeInForce,
} from '../market/parse-field.js';
import type { Side } from '../market/side.js';
import type { TimeInForce } from '../market/time-in-force.js';
import { isTradingState, type TradingScope, type TradingState } from '../market/trading-state.js';
import type { FillRecord } from '../orders/order-snapshot.js';
import { TRADING_STATE_CHANGED_BY, type TradingStateChangedBy } from './journal-records.js';
import type { JsonValue } from './journal-row.js';

/**
 * Journal bodies (see journal-records.ts) read back with their decimals as decimals, each field
 * checked: a body that is not what the contract says is a ParseError naming the field.
 */

/** An `instruction_accepted` body, read. */
export interface InstructionBody {
  readonly msgType: 'new' | 'replace' | 'cancel';
  readonly side: Side;
  readonly symbol: string;
  readonly quantity: Decimal;
  readonly limitPrice: Decimal | undefined;
  readonly algo: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly clientOrderId: string | undefined;
}

/** An `instruction_refused` body, read: what a replay needs of it. */
export interface RefusalBody {
  readonly msgType: 'replace' | 'cancel';
  /** The terms the order keeps, when the refusal gives them. */
  readonly terms:
    | { readonly quantity: Decimal; readonly limitPrice: Decimal | undefined }
    | undefined;
}

/** An `order_completed` body, read: how the order ended. */
export interface CompletionBody {
  readonly status: OrdStatus;
  /** Why: the parent's final text, or the refusal of a new order no delegate ever ran. */
  readonly text: string | undefined;
  /** Whether the engine refused the new order after journaling it: the client never had it. */
  readonly refused: boolean;
}

/** A `child_intent` body, read. */
export interface IntentBody {
  readonly clOrdId: string;
  readonly venue: string;
  readonly symbol: string;
  readonly side: Side;
  readonly quantity: Decimal;
  readonly limitPrice: Decimal | undefined;
  readonly timeInForce: TimeInForce;
}

/** A `child_replace` body, read. */
export interface ReplaceBody {
  readonly clOrdId: string;
  readonly newClOrdId: string | undefined;
  readonly quantity: Decimal | undefined;
  readonly limitPrice: Decimal | undefined;
}

/** A `venue_report` body, read (figures the fold does not use are left out). */
export interface ReportBody {
  readonly venue: string;
  readonly clOrdId: string;
  readonly venueClOrdId: string | undefined;
  readonly venueOrderId: string | undefined;
  readonly execId: string | undefined;
  readonly execType: ExecType | undefined;
  readonly status: OrdStatus;
  readonly text: string | undefined;
  readonly transactTime: number;
  /** The venue's fills cursor as of the report (an old row's `venueSeq`, as text). */
  readonly cursor: string | undefined;
}

/**
 * A `fill` body, read: exo's FillRecord, with `synthetic` always said, plus what the row adds
 * (see FillJournalRecord): the venue, its fills cursor and whether any child matched it.
 */
export interface FillBody extends FillRecord {
  readonly venue: string;
  /** The venue's fills cursor just after the fill (an old row's `venueSeq`, as text). */
  readonly cursor: string | undefined;
  readonly unmatched: boolean;
  readonly synthetic: boolean;
}

/** A JSON object's fields, some perhaps missing. */
export type Fields = { readonly [key: string]: JsonValue | undefined };

const MSG_TYPES = ['new', 'replace', 'cancel'] as const;

/** A JSON value's fields when it is an object, else a ParseError naming `field`. */
export function fields(body: JsonValue | undefined, field: string): Fields {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw ParseError.expected(field, 'an object', body);
  }
  return body as Fields;
}

function optional<T>(value: JsonValue | undefined, read: (value: JsonValue) => T): T | undefined {
  return value === undefined || value === null ? undefined : read(value);
}

/**
 * A fills cursor: opaque text, or (in rows written before cursors were opaque) a venue's report
 * sequence as a number, read as its text; absent when the body has neither.
 */
function cursorOf(value: JsonValue | undefined, field: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return parseText(value, field);
  return String(parseSequence(value, field));
}

/** A body's cursor: its `cursor`, else the `venueSeq` of a row written before cursors were opaque. */
function bodyCursor(f: Fields, field: string): string | undefined {
  return f.cursor !== undefined
    ? cursorOf(f.cursor, `${field}.cursor`)
    : cursorOf(f.venueSeq, `${field}.venueSeq`);
}

/** Reads an `instruction_accepted` body. */
export function readInstruction(body: JsonValue, field = 'body'): InstructionBody {
  const f = fields(body, field);
  const msgType = MSG_TYPES.find((type) => type === f.msgType);
  if (msgType === undefined)
    throw ParseError.expected(`${field}.msgType`, 'new, replace or cancel', f.msgType);
  const params = f.params === undefined ? {} : fields(f.params, `${field}.params`);
  return {
    msgType,
    side: parseSide(f.side, `${field}.side`),
    symbol: parseSymbol(f.symbol, `${field}.symbol`),
    quantity: parsePositiveDecimal(f.quantity, `${field}.quantity`),
    limitPrice: optional(f.limitPrice, (v) => parsePositiveDecimal(v, `${field}.limitPrice`)),
    algo: parseId(f.algo, `${field}.algo`),
    params,
    clientOrderId: optional(f.clientOrderId, (v) => parseId(v, `${field}.clientOrderId`)),
  };
}

/** Reads an `instruction_refused` body. */
export function readRefusal(body: JsonValue, field = 'body'): RefusalBody {
  const f = fields(body, field);
  const msgType = f.msgType === 'replace' || f.msgType === 'cancel' ? f.msgType : undefined;
  if (msgType === undefined) {
    throw ParseError.expected(`${field}.msgType`, 'replace or cancel', f.msgType);
  }
  const terms = optional(f.terms, (value) => {
    const t = fields(value, `${field}.terms`);
    return {
      quantity: parsePositiveDecimal(t.quantity, `${field}.terms.quantity`),
      limitPrice: optional(t.limitPrice, (v) =>
        parsePositiveDecimal(v, `${field}.terms.limitPrice`),
      ),
    };
  });
  return { msgType, terms };
}

/** Reads an `order_completed` body (journals written before `text` was kept lack it). */
export function readCompletion(body: JsonValue, field = 'body'): CompletionBody {
  const f = fields(body, field);
  const text = f.text ?? f.refusal;
  return {
    status: parseOrdStatus(f.status, `${field}.status`),
    text: optional(text, (v) =>
      parseText(v, `${field}.${f.text === undefined ? 'refusal' : 'text'}`),
    ),
    refused: f.refusal !== undefined,
  };
}

/** Reads a `child_intent` body. */
export function readIntent(body: JsonValue, field = 'body'): IntentBody {
  const f = fields(body, field);
  return {
    clOrdId: parseId(f.clOrdId, `${field}.clOrdId`),
    venue: parseId(f.venue, `${field}.venue`),
    symbol: parseSymbol(f.symbol, `${field}.symbol`),
    side: parseSide(f.side, `${field}.side`),
    quantity: parsePositiveDecimal(f.quantity, `${field}.quantity`),
    limitPrice: optional(f.limitPrice, (v) => parsePositiveDecimal(v, `${field}.limitPrice`)),
    timeInForce: parseTimeInForce(f.timeInForce, `${field}.timeInForce`),
  };
}

/** Reads a `child_replace` body. */
export function readReplace(body: JsonValue, field = 'body'): ReplaceBody {
  const f = fields(body, field);
  return {
    clOrdId: parseId(f.clOrdId, `${field}.clOrdId`),
    newClOrdId: optional(f.newClOrdId, (v) => parseId(v, `${field}.newClOrdId`)),
    quantity: optional(f.quantity, (v) => parsePositiveDecimal(v, `${field}.quantity`)),
    limitPrice: optional(f.limitPrice, (v) => parsePositiveDecimal(v, `${field}.limitPrice`)),
  };
}

/** Reads the clOrdId of a body that names one child: all a `child_cancel` holds, and part of others. */
export function readClOrdId(body: JsonValue, field = 'body'): string {
  return parseId(fields(body, field).clOrdId, `${field}.clOrdId`);
}

/** Reads a `venue_report` body. */
export function readReport(body: JsonValue, field = 'body'): ReportBody {
  const f = fields(body, field);
  return {
    venue: parseId(f.venue, `${field}.venue`),
    clOrdId: parseId(f.clOrdId, `${field}.clOrdId`),
    venueClOrdId: optional(f.venueClOrdId, (v) => parseId(v, `${field}.venueClOrdId`)),
    venueOrderId: optional(f.venueOrderId, (v) => parseId(v, `${field}.venueOrderId`)),
    execId: optional(f.execId, (v) => parseId(v, `${field}.execId`)),
    execType: optional(f.execType, (v) => parseExecType(v, `${field}.execType`)),
    status: parseOrdStatus(f.status, `${field}.status`),
    text: optional(f.text, (v) => parseText(v, `${field}.text`)),
    transactTime: parseTime(f.transactTime, `${field}.transactTime`),
    cursor: bodyCursor(f, field),
  };
}

/** Reads a `fill` body. */
export function readFill(body: JsonValue, field = 'body'): FillBody {
  const f = fields(body, field);
  return {
    venue: parseId(f.venue, `${field}.venue`),
    clOrdId: parseId(f.clOrdId, `${field}.clOrdId`),
    execId: parseId(f.execId, `${field}.execId`),
    qty: parsePositiveDecimal(f.qty, `${field}.qty`),
    px: parsePositiveDecimal(f.px, `${field}.px`),
    time: parseTime(f.time, `${field}.time`),
    cursor: bodyCursor(f, field),
    unmatched: f.unmatched === true,
    synthetic: f.synthetic === true,
  };
}

/**
 * Reads the venue cursors a `recovery` body (or a snapshot's book entry) may carry, none when
 * absent: text, or the numbers (report sequences) of rows written before cursors were opaque.
 */
export function readCursors(body: JsonValue, field = 'body'): Map<string, string> {
  const cursors = new Map<string, string>();
  const saved = fields(body, field).venueCursors;
  if (saved === undefined || saved === null) return cursors;
  for (const [venue, value] of Object.entries(fields(saved, `${field}.venueCursors`))) {
    const cursor = cursorOf(value, `${field}.venueCursors.${venue}`);
    if (cursor !== undefined) cursors.set(venue, cursor);
  }
  return cursors;
}

/** A `trading_state_changed` body, read. */
export type TradingStateBody = TradingScope & {
  readonly state: TradingState;
  readonly by: TradingStateChangedBy;
  readonly reason: string | undefined;
};

/** Reads a `trading_state_changed` body. */
export function readTradingStateChange(body: JsonValue, field = 'body'): TradingStateBody {
  const f = fields(body, field);
  if (!isTradingState(f.state)) {
    throw ParseError.expected(`${field}.state`, 'active, reducing or halted', f.state);
  }
  const by = TRADING_STATE_CHANGED_BY.find((who) => who === f.by);
  if (by === undefined) {
    throw ParseError.expected(`${field}.by`, TRADING_STATE_CHANGED_BY.join(', '), f.by);
  }
  const reason = optional(f.reason, (v) => parseText(v, `${field}.reason`));
  const about = { state: f.state, by, reason };
  if (f.scope === 'global') return { scope: 'global', ...about };
  if (f.scope !== 'symbol')
    throw ParseError.expected(`${field}.scope`, 'global or symbol', f.scope);
  return { scope: 'symbol', symbol: parseSymbol(f.symbol, `${field}.symbol`), ...about };
}
