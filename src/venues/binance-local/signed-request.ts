import { type ApiKeys, isApiKeyFormat } from './api-keys.js';
import { binanceErrors } from './binance-error.js';
import type { RequestParams } from './request-params.js';

/** Binance's default `recvWindow`, and the most it accepts, in milliseconds. */
export const DEFAULT_RECV_WINDOW = 5000;
const MAX_RECV_WINDOW = 60_000;
/** How far ahead of the server's clock a request's timestamp may be. */
const AHEAD_MS = 1000;
/** Timestamps above this are microseconds (Binance takes either). */
const MICROSECONDS_FROM = 1e14;

/** What a signed request carries for its check, whichever API it came through. */
export interface SignedParts {
  readonly apiKey: string | undefined;
  /** The text the signature covers (see signature-payload.ts). */
  readonly payload: string;
  readonly signature: string | undefined;
  readonly timestamp: string | undefined;
  readonly recvWindow: string | undefined;
}

/**
 * A signed request's parts: what its API read (`signed`), with its `timestamp` and `recvWindow`
 * parameters; `apiKey` is marked read too. Written out field by field, not as a spread-first
 * literal (see market/extended.ts): it is on every signed request's path.
 */
export function signedParts(
  signed: Omit<SignedParts, 'timestamp' | 'recvWindow'>,
  params: RequestParams,
): SignedParts {
  params.consume('apiKey');
  return {
    apiKey: signed.apiKey,
    payload: signed.payload,
    signature: signed.signature,
    timestamp: params.optional('timestamp'),
    recvWindow: params.optional('recvWindow'),
  };
}

/**
 * Checks a SIGNED (TRADE, USER_DATA) request as Binance does, throwing its error: the API key's
 * format (-2014) and that it is known (-2015), the signature and timestamp present (-1102), the
 * recvWindow at most 60,000 (-1131), the signature valid (-1022), and the timestamp neither 1 s
 * ahead of the server's clock nor older than the recvWindow (-1021). Returns the API key.
 */
export function checkSigned(keys: ApiKeys, parts: SignedParts, now: number): string {
  const apiKey = checkApiKey(keys, parts.apiKey);
  if (parts.signature === undefined || parts.signature === '') {
    throw binanceErrors.mandatory('signature');
  }
  const timestamp = timeParam('timestamp', parts.timestamp);
  const recvWindow =
    parts.recvWindow === undefined ? DEFAULT_RECV_WINDOW : windowParam(parts.recvWindow);
  if (!keys.verify(apiKey, parts.payload, parts.signature)) throw binanceErrors.badSignature();
  if (timestamp >= now + AHEAD_MS) throw binanceErrors.aheadOfServer();
  if (now - timestamp > recvWindow) throw binanceErrors.outsideRecvWindow();
  return apiKey;
}

/** Checks an API key alone (USER_STREAM requests need no signature); returns it. */
export function checkApiKey(keys: ApiKeys, apiKey: string | undefined): string {
  if (apiKey === undefined || apiKey === '') throw binanceErrors.mandatory('apiKey');
  if (!isApiKeyFormat(apiKey)) throw binanceErrors.badApiKeyFormat();
  if (!keys.has(apiKey)) throw binanceErrors.rejectedApiKey();
  return apiKey;
}

/** A timestamp in milliseconds, from milliseconds or microseconds. */
function timeParam(name: string, text: string | undefined): number {
  if (text === undefined || text === '') throw binanceErrors.mandatory(name);
  if (!/^[0-9]{1,20}$/.test(text)) throw binanceErrors.illegalChars(name, '^[0-9]{1,20}$');
  const value = Number(text);
  return value >= MICROSECONDS_FROM ? value / 1000 : value;
}

/** A recvWindow: milliseconds with up to three decimals, at most 60,000. */
function windowParam(text: string): number {
  if (!/^[0-9]{1,6}(\.[0-9]{1,3})?$/.test(text)) {
    throw binanceErrors.illegalChars('recvWindow', '^[0-9]{1,6}(\\.[0-9]{1,3})?$');
  }
  const value = Number(text);
  if (value > MAX_RECV_WINDOW) throw binanceErrors.recvWindowTooLong();
  return value;
}
