import { createPrivateKey, generateKeyPairSync, sign } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BinanceSigner, signedWsParams } from '../../../src/venues/binance/binance-signer.js';
import { Ed25519Key } from '../../../src/venues/binance/ed25519-key.js';
import { ApiKeys } from '../../../src/venues/binance-local/api-keys.js';
import { wsPayload } from '../../../src/venues/binance-local/signature-payload.js';

/** RFC 8032's first Ed25519 test vector: its secret key, and its signature of the empty message. */
const RFC8032 = {
  seed: '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60',
  signature:
    'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
};

describe('Ed25519 signing through libsodium', () => {
  it('signs byte for byte as node:crypto does, and the local Binance verifies it', () => {
    const pair = generateKeyPairSync('ed25519');
    const key = new Ed25519Key(pair.privateKey);
    const keys = new ApiKeys([{ apiKey: 'ed1', kind: 'ed25519', publicKey: pair.publicKey }]);
    fc.assert(
      fc.property(fc.string(), (payload) => {
        const signature = key.sign(payload);
        expect(signature).toBe(
          sign(null, Buffer.from(payload), pair.privateKey).toString('base64'),
        );
        expect(keys.verify('ed1', payload, signature)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('signs payloads one after another, longer and shorter, in any UTF-16, as node:crypto does', () => {
    const pair = generateKeyPairSync('ed25519');
    const key = new Ed25519Key(pair.privateKey);
    const signs = (payload: string) => {
      expect(key.sign(payload)).toBe(
        sign(null, Buffer.from(payload), pair.privateKey).toString('base64'),
      );
    };
    // Past the buffer it starts with in 3-byte characters, then shorter, then 4-byte ones.
    for (const payload of ['€'.repeat(2000), 'a=1', '😀'.repeat(1500), '', 'b=2&c=3']) {
      signs(payload);
    }
    // Any code point, and lone surrogates (written as U+FFFD by both), runs one after another on
    // the same key: each signature must cover exactly its own payload's bytes.
    const unit = fc.oneof(
      fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
      fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)),
      fc.constantFrom('a', '=', '&'),
    );
    fc.assert(fc.property(fc.string({ unit, maxLength: 400, size: 'max' }), signs), {
      numRuns: 200,
    });
  });

  it("gives RFC 8032's test vector", () => {
    const der = Buffer.from(`302e020100300506032b657004220420${RFC8032.seed}`, 'hex');
    const key = new Ed25519Key(createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }));
    expect(Buffer.from(key.sign(''), 'base64').toString('hex')).toBe(RFC8032.signature);
  });

  it('signs an order request the local Binance accepts, as node:crypto would', () => {
    const pair = generateKeyPairSync('ed25519');
    const signer = new BinanceSigner({
      kind: 'ed25519',
      apiKey: 'ed1',
      privateKey: pair.privateKey,
    });
    const keys = new ApiKeys([{ apiKey: 'ed1', kind: 'ed25519', publicKey: pair.publicKey }]);
    const params = { symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', price: '10000', quantity: '1' };
    const signed = signedWsParams(signer, params, 5000, 1_800_000_000_000);
    const payload = wsPayload(signed);
    expect(payload).toBe(
      'apiKey=ed1&price=10000&quantity=1&recvWindow=5000&side=BUY&symbol=BTCUSDT&timestamp=1800000000000&type=LIMIT',
    );
    expect(signed.signature).toBe(
      sign(null, Buffer.from(payload), pair.privateKey).toString('base64'),
    );
    expect(keys.verify('ed1', payload, signed.signature as string)).toBe(true);
  });

  it('refuses a key that is not an Ed25519 private key', () => {
    const pair = generateKeyPairSync('ed25519');
    expect(() => new Ed25519Key(pair.publicKey)).toThrow(RangeError);
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    expect(() => new Ed25519Key(ec.privateKey)).toThrow(RangeError);
  });
});
