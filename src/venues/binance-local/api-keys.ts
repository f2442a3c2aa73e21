import {
  createHmac,
  createPublicKey,
  createSecretKey,
  type KeyObject,
  timingSafeEqual,
  verify as verifySignature,
} from 'node:crypto';

/** One API key the local Binance accepts, with what verifies its signatures. */
export type ApiKey =
  | { readonly apiKey: string; readonly kind: 'hmac'; readonly secretKey: string }
  | { readonly apiKey: string; readonly kind: 'ed25519'; readonly publicKey: KeyObject };

/** What a well-formed API key looks like here (Binance's are 64 letters and digits). */
const API_KEY_FORMAT = /^[A-Za-z0-9]{1,128}$/;

/** Whether `apiKey` is well formed; Binance answers -2014 to one that is not. */
export function isApiKeyFormat(apiKey: string): boolean {
  return API_KEY_FORMAT.test(apiKey);
}

/** Whether a signature is the key's signature of a payload. */
type Verifier = (payload: string, signature: string) => boolean;

/**
 * The API keys the local Binance accepts and how each one signs: HMAC-SHA256 with a secret key
 * (a hex signature, any case) or Ed25519 with a public key (a base64 signature). Holds secrets, so
 * it never prints them: its `toString`, `toJSON` and inspection show only how many keys it has.
 */
export class ApiKeys {
  /** Each key's verifier, made once: the HMAC secret a KeyObject, not a string per request. */
  readonly #keys = new Map<string, Verifier>();

  constructor(keys: readonly ApiKey[]) {
    for (const key of keys) {
      if (!isApiKeyFormat(key.apiKey)) {
        throw new RangeError('an API key must be 1 to 128 letters and digits');
      }
      if (key.kind === 'ed25519' && key.publicKey.asymmetricKeyType !== 'ed25519') {
        throw new RangeError('an Ed25519 API key needs an Ed25519 public key');
      }
      this.#keys.set(key.apiKey, verifierOf(key));
    }
  }

  /** How many keys are accepted. */
  get size(): number {
    return this.#keys.size;
  }

  /** Whether `apiKey` is one of the accepted keys. */
  has(apiKey: string): boolean {
    return this.#keys.has(apiKey);
  }

  /** Whether `signature` is `apiKey`'s signature of `payload`; false for an unknown key. */
  verify(apiKey: string, payload: string, signature: string): boolean {
    return this.#keys.get(apiKey)?.(payload, signature) ?? false;
  }

  toString(): string {
    return `ApiKeys(${this.size})`;
  }

  toJSON(): string {
    return this.toString();
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}

/** What checks `key`'s signatures. */
function verifierOf(key: ApiKey): Verifier {
  if (key.kind === 'hmac') {
    // Its UTF-8 bytes, as createHmac reads a string key, made a KeyObject once (as the adapter's
    // signer does): a string converted on every request cost a fifth of verifying it.
    const secret = createSecretKey(Buffer.from(key.secretKey, 'utf8'));
    return (payload, signature) => {
      const expected = createHmac('sha256', secret).update(payload).digest();
      if (!HEX_SIGNATURE.test(signature)) return false;
      return timingSafeEqual(expected, Buffer.from(signature, 'hex'));
    };
  }
  const { publicKey } = key;
  return (payload, signature) => {
    const bytes = Buffer.from(signature, 'base64');
    if (bytes.length !== 64) return false;
    return verifySignature(null, Buffer.from(payload), publicKey, bytes);
  };
}

/** An HMAC-SHA256 signature as hex, in either case. */
const HEX_SIGNATURE = /^[0-9a-fA-F]{64}$/;

/** An Ed25519 public key from its PEM text, for an API key that signs with Ed25519. */
export function ed25519PublicKey(pem: string): KeyObject {
  return createPublicKey(pem);
}
