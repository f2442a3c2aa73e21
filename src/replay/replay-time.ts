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
  const value = Number(match[1]) * UNIT_US[match[2]!]!;
  const rounded = Math.round(value);
  if (!Number.isSafeInteger(rounded) || Math.abs(value - rounded) > 1e-6 * Math.max(1, value)) {
    return undefined;
  }
  return rounded;
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

/** An ISO 8601 instant in µs since the epoch, or undefined when it is not one. */
function isoUs(text: string): number | undefined {
  const match = ISO.exec(text);
  if (match === null) return undefined;
  const ms = Date.parse(`${match[1]}${match[3]}`);
  if (!Number.isFinite(ms) || new Date(ms).toISOString().slice(0, 19) !== utcPart(match, ms)) {
    return undefined;
  }
  return ms * 1_000 + Number((match[2] ?? '').padEnd(6, '0'));
}

/** The instant's seconds as UTC text, for checking that Date.parse did not roll over a bad date. */
function utcPart(match: RegExpExecArray, ms: number): string {
  // A zoned time is shifted by its zone: compare only when written in UTC, trust Date.parse otherwise.
  return match[3] === 'Z' ? match[1]! : new Date(ms).toISOString().slice(0, 19);
}

/** An instant as ISO 8601 UTC with microseconds: how replay writes the times it reads back. */
export function isoFromUs(us: number): string {
  const ms = Math.floor(us / 1_000);
  const micros = String(us - ms * 1_000).padStart(3, '0');
  return `${new Date(ms).toISOString().slice(0, 23)}${micros}Z`;
}
