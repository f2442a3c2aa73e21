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
