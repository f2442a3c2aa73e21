import { ParseError } from '../market/parse-error.js';

/** Microseconds in each unit an offset or a latency may be written in. */
const UNIT_US: Readonly<Record<string, number>> = {
  us: 1,
  µs: 1,
  ms: 1_000,
  s: 1_000_000,
  m: 60_000_000,
  h: 3_600_000_000,
};

const OFFSET = /^\+?(\d+(?:\.\d+)?)(us|µs|ms|s|m|h)$/;
/** An ISO 8601 UTC (or zoned) instant to the second, with up to six fraction digits. */
const ISO = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,6}))?(Z|[+-]\d\d:\d\d)$/;

/**
 * A duration such as `30s`, `+1.5m`, `250ms` or `500us` in whole microseconds, or undefined when
 * the text is not one. A figure finer than a microsecond is undefined too: replay's clock ticks in µs.
 */
export function durationUs(text: string): number | undefined {
  const match = OFFSET.exec(text);
  if (match === null) return undefined;
  const [whole, fraction = ''] = match[1]!.split('.');
  const scaled = BigInt(`${whole}${fraction}`) * BigInt(UNIT_US[match[2]!]!);
  const divisor = 10n ** BigInt(fraction.length);
  if (scaled % divisor !== 0n) return undefined;
  const us = Number(scaled / divisor);
  return Number.isSafeInteger(us) ? us : undefined;
}

/**
 * An instant of a replay in microseconds since the epoch, from either an ISO 8601 time with its
 * zone (`2026-12-06T10:00:00.250Z`, up to µs) or an offset from the recording's start `fromUs`
 * (`+30s`, `90s`, `1m`, `250ms`). Anything else is a ParseError naming `field`.
 */
export function parseReplayTime(value: unknown, field: string, fromUs: number): number {
  if (typeof value === 'string') {
    const offset = durationUs(value);
    if (offset !== undefined) return fromUs + offset;
    const iso = isoUs(value);
    if (iso !== undefined) return iso;
  }
  throw ParseError.expected(
    field,
    'an ISO time with its zone (2026-12-06T10:00:00Z) or an offset from the recording start (+30s, 1m, 250ms)',
    value,
  );
}

/**
 * An ISO 8601 instant in µs since the epoch, or undefined when it is not one. A date or time that
 * does not exist (February 30th, 24:00) is refused, where Date.parse would roll it over.
 */
function isoUs(text: string): number | undefined {
  const match = ISO.exec(text);
  if (match === null) return undefined;
  const [, dateTime, fraction, zone] = match as unknown as [
    string,
    string,
    string | undefined,
    string,
  ];
  const ms = Date.parse(`${dateTime}${zone}`);
  const zoneMs = zone === 'Z' ? 0 : zoneOffsetMs(zone);
  if (!Number.isFinite(ms) || new Date(ms + zoneMs).toISOString().slice(0, 19) !== dateTime) {
    return undefined;
  }
  return ms * 1_000 + Number((fraction ?? '').padEnd(6, '0'));
}

/** A zone such as `+05:30` or `-08:00` in milliseconds east of UTC. */
function zoneOffsetMs(zone: string): number {
  const sign = zone.startsWith('-') ? -1 : 1;
  return sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6))) * 60_000;
}

/** An instant as ISO 8601 UTC with microseconds: how replay writes the times it reads back. */
export function isoFromUs(us: number): string {
  const ms = Math.floor(us / 1_000);
  const micros = String(us - ms * 1_000).padStart(3, '0');
  return `${new Date(ms).toISOString().slice(0, 23)}${micros}Z`;
}
