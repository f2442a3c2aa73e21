import { type OptionName, optionError } from './options.js';

/** The text trimmed, refused when blank. */
export function nonEmpty(name: OptionName, text: string): string {
  return text.trim() === '' ? optionError(name, 'expected a value') : text.trim();
}

/** A whole number from `min` to `max`; `-1` is read as a number, and refused by range. */
export function integer(name: OptionName, text: string, min: number, max: number): number {
  const value = /^-?\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    optionError(name, `expected a whole number from ${min} to ${max}, got ${JSON.stringify(text)}`);
  }
  return value;
}

/** A decimal number, in plain (`2.5`) or exponent (`1e3`) notation; NaN for anything else. */
function decimal(text: string): number {
  return /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(text) ? Number(text) : Number.NaN;
}

/** A number above 0 and at most `max`, which is named (with `unit`) when exceeded. */
export function positiveNumber(name: OptionName, text: string, max: number, unit: string): number {
  const value = decimal(text);
  if (!(value > 0)) optionError(name, `expected a positive number, got ${JSON.stringify(text)}`);
  if (value > max)
    optionError(name, `expected at most ${max} ${unit}, got ${JSON.stringify(text)}`);
  return value;
}

/** A finite number of milliseconds, 0 or more. */
export function milliseconds(name: OptionName, text: string): number {
  const value = decimal(text);
  if (!(value >= 0) || !Number.isFinite(value)) {
    optionError(name, `expected a number of milliseconds, 0 or more, got ${JSON.stringify(text)}`);
  }
  return value;
}

/** One of `allowed`, in any case. */
export function oneOf<T extends string>(name: OptionName, text: string, allowed: readonly T[]): T {
  const found = allowed.find((candidate) => candidate === text.toLowerCase());
  return (
    found ?? optionError(name, `expected one of ${allowed.join(', ')}, got ${JSON.stringify(text)}`)
  );
}

/** Milliseconds in each unit a duration may be written in. */
const DURATION_UNITS: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/** A duration such as `7d`, `12h`, `5s` or `250ms`, in milliseconds. */
export function duration(name: OptionName, text: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(text.trim());
  const value = match === null ? Number.NaN : Number(match[1]) * DURATION_UNITS[match[2]!]!;
  if (!Number.isFinite(value) || value <= 0) {
    optionError(
      name,
      `expected a duration such as 7d, 12h, 5s or 250ms, got ${JSON.stringify(text)}`,
    );
  }
  return value;
}

/** A `ws:` or `wss:` URL, as given. */
export function websocketUrl(name: OptionName, text: string): string {
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'ws:' && url.protocol !== 'wss:')) {
    optionError(
      name,
      `expected a websocket URL such as ws://127.0.0.1:9100, got ${JSON.stringify(text)}`,
    );
  }
  return text;
}

/** A comma-separated list, trimmed, without blanks or repeats; `example` shows one when empty. */
export function list(name: OptionName, text: string, example: string): string[] {
  const items = text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  if (items.length === 0) optionError(name, `expected a comma-separated list such as ${example}`);
  return [...new Set(items)];
}

/** The fewest characters a token may have: 16 random characters are beyond guessing online. */
export const MIN_TOKEN_LENGTH = 16;

/**
 * A bearer token of at least MIN_TOKEN_LENGTH printable ASCII characters without spaces (what an
 * Authorization header carries intact). The error never repeats the value, which is a secret.
 */
export function token(name: OptionName, text: string): string {
  if (text.length < MIN_TOKEN_LENGTH || !/^[\x21-\x7e]+$/.test(text)) {
    optionError(
      name,
      `expected at least ${MIN_TOKEN_LENGTH} printable characters without spaces (such as the output of openssl rand -hex 32); the value given is not shown`,
    );
  }
  return text;
}

/** A host name or IP address, without scheme or port (`[::1]` for IPv6), in lower case. */
export function hostName(name: OptionName, text: string): string {
  if (!/^([a-z0-9.-]+|\[[0-9a-f:.]+\])$/i.test(text)) {
    optionError(name, `expected host names without scheme or port, got ${JSON.stringify(text)}`);
  }
  return text.toLowerCase();
}
