import { checkEvent } from './check-event.js';
import type { TickChecks } from './tick-checks.js';
import type { TickEvent } from './tick-event.js';

/** The fields each kind of event has in JSON lines (TickEvent's own). */
const FIELDS: Readonly<Record<TickEvent['kind'], readonly string[]>> = {
  quote: ['kind', 'symbol', 'venueUs', 'recvUs', 'bidPx', 'bidQty', 'askPx', 'askQty'],
  trade: ['kind', 'symbol', 'venueUs', 'recvUs', 'px', 'qty', 'side', 'tradeId'],
  symbol: ['kind', 'symbol', 'recvUs', 'tickSize', 'lotSize'],
  gap: ['kind', 'recvUs', 'symbols', 'fromUs', 'toUs'],
};
/** The fields an event may leave out. */
const OPTIONAL = new Set(['side', 'tradeId', 'tickSize', 'lotSize']);

/**
 * The event a JSON object describes, checked (checkEvent): a TickFileError names the field for
 * an unknown kind, a missing or unknown field, or a bad value.
 */
export function eventOfJson(value: unknown, checks: TickChecks): TickEvent {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    checks.fail('kind', 'expected an object');
  }
  const object = value as Record<string, unknown>;
  const kind = object.kind;
  const fields =
    typeof kind === 'string' && Object.hasOwn(FIELDS, kind)
      ? FIELDS[kind as TickEvent['kind']]
      : undefined;
  if (fields === undefined) checks.fail('kind', `unknown kind ${JSON.stringify(kind)}`);
  for (const key of Object.keys(object)) {
    if (!fields.includes(key)) checks.fail(key, `not a field of a ${String(kind)}`);
  }
  const event: Record<string, unknown> = {};
  for (const field of fields) {
    const given = object[field];
    if (given === undefined) {
      if (!OPTIONAL.has(field)) checks.fail(field, 'missing');
    } else event[field] = given;
  }
  checkEvent(checks, event as unknown as TickEvent);
  return event as unknown as TickEvent;
}
