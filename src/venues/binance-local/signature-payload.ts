import { binanceErrors } from './binance-error.js';

/** A REST request's parameters as Binance reads them, and the text its signature covers. */
export interface RestParams {
  /** Each parameter once, decoded; the query string's value wins over the body's. */
  readonly params: ReadonlyMap<string, string>;
  /** Query string then body, as sent, with the `signature` pair taken out (Binance's totalParams). */
  readonly payload: string;
  /** The `signature` parameter, decoded, if sent. */
  readonly signature: string | undefined;
}

/**
 * Reads a REST request's parameters from its raw query string and form body (Binance's rules: a
 * parameter may come in either; the query string's wins; one sent twice in the same part is
 * -1101). The signed payload is the query string concatenated with the body, each exactly as sent
 * but for the `signature` pair, so a client's percent-encoding is verified as it signed it.
 */
export function restParams(rawQuery: string, rawBody: string): RestParams {
  const fromQuery = pairsOf(rawQuery);
  const fromBody = pairsOf(rawBody);
  const params = new Map<string, string>();
  for (const [name, value] of [...fromQuery.pairs, ...fromBody.pairs]) {
    if (!params.has(name)) params.set(name, value);
  }
  const signature = fromQuery.signature ?? fromBody.signature;
  params.delete('signature');
  return { params, payload: fromQuery.unsigned + fromBody.unsigned, signature };
}

/** One part's decoded pairs (-1101 on a name repeated), its signature, and its text without it. */
function pairsOf(raw: string): {
  pairs: [string, string][];
  signature: string | undefined;
  unsigned: string;
} {
  const pairs: [string, string][] = [];
  const kept: string[] = [];
  const seen = new Set<string>();
  let signature: string | undefined;
  for (const segment of raw === '' ? [] : raw.split('&')) {
    if (segment === '') continue;
    const equals = segment.indexOf('=');
    const name = decode(equals < 0 ? segment : segment.slice(0, equals));
    const value = decode(equals < 0 ? '' : segment.slice(equals + 1));
    if (seen.has(name)) throw binanceErrors.duplicateParam();
    seen.add(name);
    if (name === 'signature') signature = value;
    else kept.push(segment);
    pairs.push([name, value]);
  }
  return { pairs, signature, unsigned: kept.join('&') };
}

/** Form decoding: `+` is a space, then percent escapes; a malformed escape is kept as written. */
function decode(text: string): string {
  const spaced = text.replaceAll('+', ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}

/**
 * What a WebSocket API request's signature covers: every parameter but `signature`, sorted by
 * name, written `name=value` and joined with `&`, values as sent (no encoding): Binance's rule.
 * Built in one pass over the sorted names (it is on every signed request's path, both sides).
 */
export function wsPayload(params: Readonly<Record<string, unknown>>): string {
  let payload = '';
  let separator = '';
  for (const name of sortedNames(params)) {
    if (name === 'signature') continue;
    payload += `${separator}${name}=${paramText(params[name])}`;
    separator = '&';
  }
  return payload;
}

/**
 * How many lists of names sortedNames keeps sorted: more than the adapter's kinds of request and
 * the local Binance's (the same names and `signature`) together, as when both run in one process.
 */
const SORTINGS = 16;

/** The lists of names seen last (newest first) and each one sorted. */
const sortings: { readonly names: readonly string[]; readonly sorted: readonly string[] }[] = [];

/**
 * `params`' names sorted. The requests of one kind come with the same names in the same order,
 * and sorting them took a third of building a payload: a list seen lately is found by comparing
 * names, which costs far less, and its sorting reused. Any other list is sorted and kept.
 */
function sortedNames(params: Readonly<Record<string, unknown>>): readonly string[] {
  const names = Object.keys(params);
  for (const sorting of sortings) {
    if (sameNames(sorting.names, names)) return sorting.sorted;
  }
  const sorted = [...names].sort();
  if (sortings.unshift({ names, sorted }) > SORTINGS) sortings.pop();
  return sorted;
}

function sameNames(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A WebSocket API parameter as text, as it is signed and read: strings as they are, others as JSON. */
export function paramText(value: unknown): string {
  if (typeof value === 'string') return value;
  // A finite number's JSON is its string, which a template makes without JSON.stringify's cost.
  return typeof value === 'number' && Number.isFinite(value) ? `${value}` : JSON.stringify(value);
}
