import { JournalEntryError } from './journal-errors.js';
import type { JsonValue } from './journal-row.js';

/** A body's JSON text, as stored; a value JSON cannot hold is a `JournalEntryError` naming `field`. */
export function stringifyBody(body: unknown, field: string): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(body);
  } catch (error) {
    throw new JournalEntryError(field, error instanceof Error ? error.message : String(error));
  }
  if (text === undefined) throw new JournalEntryError(field, `${typeof body} is not JSON`);
  return text;
}

/** A stored body read back; the journal only ever stores `JSON.stringify` output. */
export function parseBody(text: string): JsonValue {
  return JSON.parse(text) as JsonValue;
}

/**
 * A body as the journal reads it back, from the value that was appended and the text it was
 * stored as: the value itself when it already is exactly what `JSON.parse` makes of that text
 * (plain objects and arrays of strings, finite numbers, booleans and null, no `undefined`, no
 * `toJSON`), so that a commit's followers are not handed a parse of the row just written;
 * otherwise the text parsed.
 */
export function bodyReadBack(value: unknown, text: string): JsonValue {
  return isPlainJson(value, 0) ? (value as JsonValue) : parseBody(text);
}

/** Nesting past this is parsed rather than walked, so a deep body cannot exhaust the stack. */
const MAX_DEPTH = 64;

/** Whether `JSON.parse(JSON.stringify(value))` would be deeply equal to `value`. */
function isPlainJson(value: unknown, depth: number): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0);
    case 'object':
      if (value === null) return true;
      if (depth >= MAX_DEPTH) return false;
      if (Array.isArray(value)) return isPlainArray(value, depth + 1);
      return isPlainObject(value, depth + 1);
    default:
      return false;
  }
}

function isPlainArray(array: readonly unknown[], depth: number): boolean {
  if (Object.getPrototypeOf(array) !== Array.prototype) return false;
  for (let i = 0; i < array.length; i++) {
    if (!(i in array) || !isPlainJson(array[i], depth)) return false;
  }
  return true;
}

function isPlainObject(object: object, depth: number): boolean {
  if (Object.getPrototypeOf(object) !== Object.prototype) return false;
  for (const key in object) {
    if (!Object.hasOwn(object, key) || key === '__proto__') return false;
    if (!isPlainJson((object as Record<string, unknown>)[key], depth)) return false;
  }
  return true;
}
