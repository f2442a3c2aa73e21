import { readFileSync, statSync } from 'node:fs';
import { type ApiKey, ApiKeys, ed25519PublicKey } from './api-keys.js';

/** Where the local Binance's keys may come from: flags, variables, and a key file. */
export interface KeySources {
  /** An HMAC key pair: `--api-key` / EXO_BINANCE_API_KEY with `--secret-key` / EXO_BINANCE_SECRET_KEY. */
  readonly apiKey?: string;
  readonly secretKey?: string;
  /** `--key-file` / EXO_BINANCE_KEY_FILE: JSON `{"keys": [...]}`, readable by its owner only. */
  readonly keyFile?: string;
}

/** Keys that cannot be used, with why; never quotes a secret. */
export class KeySourceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeySourceError';
  }
}

/**
 * The keys from every source given. A key file lists `{"apiKey", "secretKey"}` (HMAC-SHA256) and
 * `{"apiKey", "ed25519PublicKey"}` (a PEM public key) entries; a file that its group or others can
 * read is refused, as ssh refuses a private key others can read.
 */
export function loadApiKeys(sources: KeySources): ApiKeys {
  const keys: ApiKey[] = [];
  const { apiKey, secretKey, keyFile } = sources;
  if ((apiKey === undefined) !== (secretKey === undefined)) {
    throw new KeySourceError('an API key needs its secret key, and a secret key its API key');
  }
  if (apiKey !== undefined && secretKey !== undefined) {
    keys.push({ apiKey, kind: 'hmac', secretKey });
  }
  if (keyFile !== undefined) keys.push(...readKeyFile(keyFile));
  try {
    return new ApiKeys(keys);
  } catch (error) {
    throw new KeySourceError((error as Error).message);
  }
}

function readKeyFile(path: string): ApiKey[] {
  let text: string;
  try {
    if ((statSync(path).mode & 0o077) !== 0) {
      throw new KeySourceError(`key file ${path} is readable by others: chmod 600 it`);
    }
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof KeySourceError) throw error;
    throw new KeySourceError(
      `cannot read key file ${path}: ${(error as NodeJS.ErrnoException).code}`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new KeySourceError(`key file ${path} is not JSON`);
  }
  const entries = (parsed as { keys?: unknown }).keys;
  if (!Array.isArray(entries)) throw new KeySourceError(`key file ${path} has no "keys" list`);
  return entries.map((entry, index) => keyOf(entry, `${path} keys[${index}]`));
}

function keyOf(entry: unknown, where: string): ApiKey {
  const { apiKey, secretKey, ed25519PublicKey: pem } = (entry ?? {}) as Record<string, unknown>;
  if (typeof apiKey !== 'string') throw new KeySourceError(`${where}: apiKey is missing`);
  if (typeof secretKey === 'string') return { apiKey, kind: 'hmac', secretKey };
  if (typeof pem === 'string') {
    try {
      return { apiKey, kind: 'ed25519', publicKey: ed25519PublicKey(pem) };
    } catch {
      throw new KeySourceError(`${where}: ed25519PublicKey is not a PEM public key`);
    }
  }
  throw new KeySourceError(`${where}: give secretKey (HMAC) or ed25519PublicKey`);
}
