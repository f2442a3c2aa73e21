import { ParseError } from '../../market/parse-error.js';

/** A JSON object as read from an exchange's frame: fields not yet checked. */
export type WireObject = Readonly<Record<string, unknown>>;

/** A frame's JSON object, or a ParseError naming `field` when the text is not JSON or not an object. */
export function parseJsonObject(text: string, field: string): WireObject {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'unreadable';
    throw new ParseError(field, `not JSON (${reason.slice(0, 80)})`);
  }
  return wireObject(value, field);
}

/** `value` as an object, or a ParseError naming `field`. */
export function wireObject(value: unknown, field: string): WireObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw ParseError.expected(field, 'an object', value);
  }
  return value as WireObject;
}

/** `value` as an array, or a ParseError naming `field`. */
export function wireArray(value: unknown, field: string): readonly unknown[] {
  if (!Array.isArray(value)) throw ParseError.expected(field, 'an array', value);
  return value;
}

/** An ISO 8601 timestamp (`2022-10-19T23:28:22.061769Z`) as milliseconds since the epoch. */
export function parseIsoTime(value: unknown, field: string): number {
  if (typeof value === 'string' && value.length <= 40) {
    const time = Date.parse(value);
    if (Number.isFinite(time) && time >= 0) return time;
  }
  throw ParseError.expected(field, 'an ISO 8601 time', value);
}

/** The start of a frame, for a problem report: enough to recognise it, never a flood. */
export function excerpt(frame: string): string {
  return frame.length > MAX_EXCERPT ? `${frame.slice(0, MAX_EXCERPT)}…` : frame;
}

/** Longest piece of a frame quoted in a problem report. */
const MAX_EXCERPT = 200;

/** A short description of a wire value for a report: strings quoted and cut, others by kind. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (typeof value === 'string')
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}
