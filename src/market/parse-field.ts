import { type Decimal, decimal, sign } from './decimal.js';
import { EXEC_TYPES, type ExecType } from './exec-type.js';
import { MSG_TYPES, type MsgType } from './msg-type.js';
import { ORD_STATUSES, type OrdStatus } from './ord-status.js';
import { ParseError } from './parse-error.js';
import { SIDES, type Side } from './side.js';
import { TIMES_IN_FORCE, type TimeInForce } from './time-in-force.js';

/** Longest decimal text accepted: a cheap first guard before any arithmetic is attempted. */
const MAX_DECIMAL_TEXT = 100;
/** Most significant digits a decimal may carry: beyond any real price or quantity. */
const MAX_DIGITS = 40;
/** Largest power of ten (either way) a decimal may reach: `1e999999999` would exhaust memory. */
const MAX_EXPONENT = 40;

/**
 * A decimal from its wire form, which must be a string such as `"101.25"` or `"1e-8"`: a JSON
 * number has already been through a binary float, so it is refused rather than silently rounded.
 * Surrounding whitespace, `NaN` and `Infinity` are refused; so are absurd magnitudes (beyond 40
 * digits or 1e±40), which would otherwise let one hostile message stall the process.
 */
export function parseDecimal(value: unknown, field: string): Decimal {
  if (typeof value !== 'string' || value.length > MAX_DECIMAL_TEXT) {
    throw ParseError.expected(field, 'a decimal string', value);
  }
  let parsed: Decimal;
  try {
    parsed = decimal(value);
  } catch {
    throw ParseError.expected(field, 'a decimal string', value);
  }
  if (parsed.c.length > MAX_DIGITS || Math.abs(parsed.e) > MAX_EXPONENT) {
    throw ParseError.expected(field, 'a decimal within 40 digits and 1e±40', value);
  }
  return parsed;
}

/** A decimal that must be above zero: a price or the size of a fill. */
export function parsePositiveDecimal(value: unknown, field: string): Decimal {
  const parsed = parseDecimal(value, field);
  if (sign(parsed) <= 0) throw ParseError.expected(field, 'a positive decimal', value);
  return parsed;
}

/** A decimal that must not be below zero: a size that may be empty, such as a side of the book. */
export function parseNonNegativeDecimal(value: unknown, field: string): Decimal {
  const parsed = parseDecimal(value, field);
  if (sign(parsed) < 0) throw ParseError.expected(field, 'a non-negative decimal', value);
  return parsed;
}

/** A time in milliseconds since the epoch: a finite, non-negative JSON number. */
export function parseTime(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw ParseError.expected(field, 'milliseconds since the epoch', value);
  }
  return value;
}

/** An identifier (order, execution, venue): any non-empty string, kept exactly as given. */
export function parseId(value: unknown, field: string): string {
  if (typeof value !== 'string' || value === '') {
    throw ParseError.expected(field, 'a non-empty string', value);
  }
  return value;
}

/**
 * A symbol: a non-empty string without surrounding whitespace, because `" AAPL"` routed as a
 * different symbol from `"AAPL"` would silently starve an order of market data.
 */
export function parseSymbol(value: unknown, field: string): string {
  if (typeof value !== 'string' || value === '' || value.trim() !== value) {
    throw ParseError.expected(field, 'a symbol (non-empty, no surrounding spaces)', value);
  }
  return value;
}

/**
 * A sequence number, cursor or numeric ID sent as a JSON number: a non-negative safe integer. A
 * larger one has lost digits in the float conversion, so it is refused rather than compared wrongly.
 */
export function parseSequence(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw ParseError.expected(field, 'a non-negative integer below 2^53', value);
  }
  return value;
}

/** A flag sent as a JSON boolean: `true` or `false`, nothing else. */
export function parseFlag(value: unknown, field: string): boolean {
  if (typeof value === 'boolean') return value;
  throw ParseError.expected(field, 'true or false', value);
}

/** Free text, such as a venue's reason for a reject: any string. */
export function parseText(value: unknown, field: string): string {
  if (typeof value !== 'string') throw ParseError.expected(field, 'a string', value);
  return value;
}

/** A side, in any letter case: `"BUY"` becomes `'buy'`. */
export function parseSide(value: unknown, field: string): Side {
  return parseEnum(value, field, SIDES);
}

/** A message type (`new`, `replace`, `cancel`), in any letter case. */
export function parseMsgType(value: unknown, field: string): MsgType {
  return parseEnum(value, field, MSG_TYPES);
}

/** An order status in its snake-case wire spelling (`partially_filled`), in any letter case. */
export function parseOrdStatus(value: unknown, field: string): OrdStatus {
  return parseEnum(value, field, ORD_STATUSES);
}

/** An exec type in its snake-case wire spelling (`cancel_rejected`), in any letter case. */
export function parseExecType(value: unknown, field: string): ExecType {
  return parseEnum(value, field, EXEC_TYPES);
}

/** A time in force (`gtc`, `ioc`, `fok`, `day`), in any letter case. */
export function parseTimeInForce(value: unknown, field: string): TimeInForce {
  return parseEnum(value, field, TIMES_IN_FORCE);
}

/** ASCII letters and underscores only, so no Unicode case folding (the Kelvin sign) can sneak in. */
const ENUM_TEXT = /^[A-Za-z_]+$/;

function parseEnum<T extends string>(value: unknown, field: string, allowed: readonly T[]): T {
  if (typeof value === 'string' && ENUM_TEXT.test(value)) {
    const lower = value.toLowerCase();
    const found = allowed.find((candidate) => candidate === lower);
    if (found !== undefined) return found;
  }
  throw ParseError.expected(field, `one of ${allowed.join(', ')}`, value);
}
