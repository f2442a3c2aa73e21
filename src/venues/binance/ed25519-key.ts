import type { KeyObject } from 'node:crypto';
import sodium from 'sodium-native';

/** An Ed25519 private key's PKCS#8 DER (RFC 8410): this header, then its 32-byte seed. */
const PKCS8_HEADER = Buffer.from('302e020100300506032b657004220420', 'hex');

/**
 * An Ed25519 private key that signs through libsodium (sodium-native): 16–18 µs of CPU a
 * signature here, where node:crypto's `sign` takes about 27 µs (OpenSSL sets up a context on
 * every call). The key is loaded as a node:crypto KeyObject and converted once: its seed is
 * expanded into libsodium's 64-byte secret key, held in guarded memory (sodium_malloc), and the
 * exported copy is zeroed. Ed25519 is deterministic, so the signatures are node:crypto's, byte
 * for byte.
 */
export class Ed25519Key {
  readonly #secretKey: Buffer;
  /**
   * Where each payload's bytes are written to be signed, and the signature, reused: signing is
   * synchronous, and allocating both per signature was a measurable part (about 0.3 µs) of what
   * signing costs around libsodium's own work.
   */
  #message = Buffer.allocUnsafe(1024);
  readonly #signature = Buffer.allocUnsafe(sodium.crypto_sign_BYTES);

  constructor(privateKey: KeyObject) {
    if (privateKey.type !== 'private' || privateKey.asymmetricKeyType !== 'ed25519') {
      throw new RangeError('an Ed25519 private key is needed');
    }
    const der = privateKey.export({ format: 'der', type: 'pkcs8' });
    try {
      const header = der.subarray(0, PKCS8_HEADER.length);
      if (der.length !== PKCS8_HEADER.length + 32 || !header.equals(PKCS8_HEADER)) {
        throw new RangeError('an Ed25519 private key in PKCS#8 was expected');
      }
      const publicKey = Buffer.alloc(sodium.crypto_sign_PUBLICKEYBYTES);
      this.#secretKey = sodium.sodium_malloc(sodium.crypto_sign_SECRETKEYBYTES);
      sodium.crypto_sign_seed_keypair(
        publicKey,
        this.#secretKey,
        der.subarray(PKCS8_HEADER.length),
      );
    } finally {
      sodium.sodium_memzero(der);
    }
  }

  /** The signature of `payload` (its UTF-8 bytes), in base64 as Binance takes it. */
  sign(payload: string): string {
    // At most 3 UTF-8 bytes per UTF-16 unit (a surrogate pair's 4 bytes take 2 units).
    if (payload.length * 3 > this.#message.length) {
      this.#message = Buffer.allocUnsafe(payload.length * 3);
    }
    const message = this.#message.subarray(0, this.#message.write(payload));
    sodium.crypto_sign_detached(this.#signature, message, this.#secretKey);
    return this.#signature.toString('base64');
  }
}
