import { createHash, createHmac, createSecretKey, type KeyObject } from 'node:crypto';
import { extended } from '../../market/extended.js';
import { wsPayload } from '../binance-local/signature-payload.js';
import { Ed25519Key } from './ed25519-key.js';

/** An API key and what signs its requests: an HMAC-SHA256 secret or an Ed25519 private key. */
export type BinanceCredentials =
  | { readonly apiKey: string; readonly kind: 'hmac'; readonly secretKey: string }
  | { readonly apiKey: string; readonly kind: 'ed25519'; readonly privateKey: KeyObject };

/**
 * Signs Binance request payloads (the WebSocket API's params sorted by name, REST's query ‖ body,
 * see the local Binance's signature-payload.ts): HMAC-SHA256 as hex, Ed25519 as base64 (through
 * libsodium: see ed25519-key.ts), either key converted once. It holds the secret and never shows
 * it: `toJSON` and `fingerprint` give only the API key's digest.
 */
export class BinanceSigner {
  readonly #credentials: BinanceCredentials;
  readonly #sign: (payload: string) => string;

  constructor(credentials: BinanceCredentials) {
    this.#credentials = credentials;
    if (credentials.kind === 'hmac') {
      // Its UTF-8 bytes, as createHmac reads a string key, made a KeyObject (a copy) once: a
      // string converted on every request cost a fifth of an HMAC signature.
      const bytes = Buffer.from(credentials.secretKey, 'utf8');
      const key = createSecretKey(bytes);
      bytes.fill(0);
      this.#sign = (payload) => createHmac('sha256', key).update(payload).digest('hex');
    } else {
      const key = new Ed25519Key(credentials.privateKey);
      this.#sign = (payload) => key.sign(payload);
    }
  }

  /** The API key, sent as `apiKey` or `X-MBX-APIKEY` (not a secret, but never logged whole). */
  get apiKey(): string {
    return this.#credentials.apiKey;
  }

  /** How requests are signed. */
  get kind(): BinanceCredentials['kind'] {
    return this.#credentials.kind;
  }

  /** The first 12 hex digits of the API key's SHA-256: names the account without showing the key. */
  get fingerprint(): string {
    return fingerprintOf(this.#credentials.apiKey);
  }

  /** The signature of `payload`. */
  sign(payload: string): string {
    return this.#sign(payload);
  }

  /** What a log or JSON shows of a signer: its kind and fingerprint, never a key. */
  toJSON(): { kind: string; fingerprint: string } {
    return { kind: this.kind, fingerprint: this.fingerprint };
  }
}

/** The first 12 hex digits of a key's SHA-256. */
export function fingerprintOf(apiKey: string): string {
  return createHash('sha256').update(apiKey).digest('hex').slice(0, 12);
}

/**
 * WebSocket API params as Binance wants a signed request: with `apiKey`, `recvWindow`, the
 * server's `timestamp`, and the signature of them all sorted by name (wsPayload). One copy of
 * `params`, extended (see market/extended.ts: a spread-first literal was most of the cost of
 * building a request).
 */
export function signedWsParams(
  signer: BinanceSigner,
  params: Readonly<Record<string, unknown>>,
  recvWindowMs: number,
  timestamp: number,
): Record<string, unknown> {
  const signed: Record<string, unknown> = extended(params, {
    apiKey: signer.apiKey,
    recvWindow: recvWindowMs,
    timestamp,
  });
  signed.signature = signer.sign(wsPayload(signed));
  return signed;
}
