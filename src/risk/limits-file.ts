import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { JsonValue } from '../journal/journal-row.js';
import { Decimal, decimal } from '../market/decimal.js';
import { extended } from '../market/extended.js';
import { LimitsFileError } from './limits-error.js';
import type {
  AutoHaltLimits,
  PriceCollar,
  RejectStormRule,
  RiskLimits,
  SymbolLimits,
} from './risk-limits.js';

/** A JSON object, as the limits read back. */
export type JsonObject = { readonly [key: string]: JsonValue };

/** How one field of the limits is read: what it must be, and the value it becomes. */
type FieldReader = (value: unknown, at: string, file: string) => unknown;

/** A positive decimal written as a string ("250000", "0.5"): prices and quantities are exact. */
const positiveDecimal: FieldReader = (value, at, file) => {
  if (typeof value !== 'string' || !/^\d+(\.\d+)?$/.test(value)) {
    throw new LimitsFileError(
      file,
      at,
      `expected a decimal as a string, e.g. "250000", got ${show(value)}`,
    );
  }
  const figure = decimal(value);
  if (figure.lte(0)) throw new LimitsFileError(file, at, `expected more than 0, got "${value}"`);
  return figure;
};

/** A whole number of at least 1 (a count, ticks, a rate, milliseconds). */
const positiveInteger: FieldReader = (value, at, file) => {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw new LimitsFileError(
      file,
      at,
      `expected a whole number of at least 1, got ${show(value)}`,
    );
  }
  return value;
};

const boolean: FieldReader = (value, at, file) => {
  if (typeof value !== 'boolean') {
    throw new LimitsFileError(file, at, `expected true or false, got ${show(value)}`);
  }
  return value;
};

/** A non-empty list of distinct non-empty names (symbols, algorithms). */
const names: FieldReader = (value, at, file) => {
  if (!Array.isArray(value) || value.length === 0) {
    throw new LimitsFileError(file, at, `expected a non-empty list of names, got ${show(value)}`);
  }
  value.forEach((name, i) => {
    if (typeof name !== 'string' || name === '') {
      throw new LimitsFileError(file, `${at}.${i}`, `expected a name, got ${show(name)}`);
    }
    if (value.indexOf(name) !== i) {
      throw new LimitsFileError(file, `${at}.${i}`, `${JSON.stringify(name)} is listed twice`);
    }
  });
  return [...value] as string[];
};

const collar: FieldReader = (value, at, file) => {
  const read = readObject(value, at, file, COLLAR_FIELDS) as PriceCollar;
  if (read.percent === undefined && read.ticks === undefined) {
    throw new LimitsFileError(file, at, 'expected percent, ticks or both');
  }
  return read;
};

const COLLAR_FIELDS: Readonly<Record<keyof PriceCollar, FieldReader>> = {
  percent: positiveDecimal,
  ticks: positiveInteger,
};

const SYMBOL_FIELDS: Readonly<Record<keyof SymbolLimits, FieldReader>> = {
  maxParentQuantity: positiveDecimal,
  maxParentNotional: positiveDecimal,
  parentCollar: collar,
  maxOpenParents: positiveInteger,
  maxChildQuantity: positiveDecimal,
  maxChildNotional: positiveDecimal,
  childCollar: collar,
  maxWorkingChildrenPerParent: positiveInteger,
  maxWorkingChildren: positiveInteger,
  childRatePerSecond: positiveInteger,
  childRateHardCap: positiveInteger,
  duplicateWindowMs: positiveInteger,
  refuseSelfTrade: boolean,
  maxLongPosition: positiveDecimal,
  maxShortPosition: positiveDecimal,
  maxExposureNotional: positiveDecimal,
  maxDailyTradedNotional: positiveDecimal,
  maxDailyLoss: positiveDecimal,
};

const symbolLimits: FieldReader = (value, at, file) => readObject(value, at, file, SYMBOL_FIELDS);

const perSymbol: FieldReader = (value, at, file) => {
  if (!isObject(value))
    throw new LimitsFileError(file, at, `expected an object, got ${show(value)}`);
  return Object.fromEntries(
    Object.entries(value).map(([symbol, limits]) => [
      symbol,
      symbolLimits(limits, `${at}.${symbol}`, file),
    ]),
  );
};

const REJECT_STORM_FIELDS: Readonly<Record<keyof RejectStormRule, FieldReader>> = {
  rejects: positiveInteger,
  withinMs: positiveInteger,
};

/** Both fields are needed: a count without its window (or the reverse) means nothing. */
const rejectStorm: FieldReader = (value, at, file) => {
  const read = readObject(value, at, file, REJECT_STORM_FIELDS);
  for (const field of Object.keys(REJECT_STORM_FIELDS)) {
    if (read[field] === undefined) throw new LimitsFileError(file, `${at}.${field}`, 'required');
  }
  return read;
};

const AUTO_HALT_FIELDS: Readonly<Record<keyof AutoHaltLimits, FieldReader>> = {
  rejectStorm,
  venueDisconnectMs: positiveInteger,
  dailyLoss: boolean,
};

const TOP_FIELDS: Readonly<Record<keyof RiskLimits, FieldReader>> = {
  symbols: names,
  algos: names,
  maxOpenParents: positiveInteger,
  venueChildRatePerSecond: positiveInteger,
  venueChildRateHardCap: positiveInteger,
  maxExposureNotional: positiveDecimal,
  maxDailyTradedNotional: positiveDecimal,
  maxDailyLoss: positiveDecimal,
  defaults: symbolLimits,
  perSymbol,
  autoHalt: (value, at, file) => readObject(value, at, file, AUTO_HALT_FIELDS),
};

/**
 * The limits in a document already parsed from JSON or YAML, checked field by field: decimals are
 * strings, counts whole numbers, unknown fields are refused, and a per-symbol entry must name a
 * symbol of `symbols` when that list is given. Throws a LimitsFileError naming `file`, the field's
 * path and the reason.
 */
export function parseLimits(document: unknown, file: string): RiskLimits {
  const read = readObject(document, '', file, TOP_FIELDS) as Partial<RiskLimits>;
  const limits: RiskLimits = extended(read, {
    defaults: read.defaults ?? {},
    perSymbol: read.perSymbol ?? {},
  });
  if (limits.symbols !== undefined) {
    for (const symbol of Object.keys(limits.perSymbol)) {
      if (!limits.symbols.includes(symbol)) {
        throw new LimitsFileError(file, `perSymbol.${symbol}`, 'the symbol is not in symbols');
      }
    }
  }
  return limits;
}

/** Reads `--limits FILE`: YAML for `.yaml` and `.yml`, JSON otherwise, then `parseLimits`. */
export function readLimitsFile(file: string): RiskLimits {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new LimitsFileError(
      file,
      '',
      `cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  }
  const yaml = ['.yaml', '.yml'].includes(extname(file).toLowerCase());
  let document: unknown;
  try {
    document = yaml ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    const what = yaml ? 'YAML' : 'JSON';
    throw new LimitsFileError(
      file,
      '',
      `not valid ${what}: ${(error as Error).message.split('\n')[0]}`,
    );
  }
  return parseLimits(document, file);
}

/** The limits as the file holds them (decimals as plain strings): for `GET /v1/limits` and the journal. */
export function limitsToJSON(limits: RiskLimits): JsonObject {
  return plain(limits) as JsonObject;
}

/** A value with every decimal written out in full (`toJSON` would give `1e+21`, which is refused). */
function plain(value: unknown): JsonValue {
  if (value instanceof Decimal) return value.toFixed();
  if (Array.isArray(value)) return value.map(plain);
  if (isObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, plain(field)]));
  }
  return value as JsonValue;
}

function readObject(
  value: unknown,
  at: string,
  file: string,
  fields: Readonly<Record<string, FieldReader>>,
): Record<string, unknown> {
  if (!isObject(value))
    throw new LimitsFileError(file, at, `expected an object, got ${show(value)}`);
  const read: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(value)) {
    const path = at === '' ? name : `${at}.${name}`;
    const reader = Object.hasOwn(fields, name) ? fields[name] : undefined;
    if (reader === undefined) {
      throw new LimitsFileError(
        file,
        path,
        `unknown field (known: ${Object.keys(fields).join(', ')})`,
      );
    }
    read[name] = reader(field, path, file);
  }
  return read;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  return JSON.stringify(value) ?? String(value);
}
