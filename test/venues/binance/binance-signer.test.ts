import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BinanceSigner, signedWsParams } from '../../../src/venues/binance/binance-signer.js';
import { DOCUMENTED } from './documented-example.js';

describe('HMAC-SHA256 signing', () => {
  const { apiKey, secretKey } = DOCUMENTED;
  const signer = new BinanceSigner({ kind: 'hmac', apiKey, secretKey });

  it("gives the WebSocket API documentation's order.place signature", () => {
    const { params, recvWindow, timestamp, signature } = DOCUMENTED;
    expect(signedWsParams(signer, params, recvWindow, timestamp).signature).toBe(signature);
  });

  it("gives the REST documentation's signature of a query string and body", () => {
    const payload =
      'symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC' +
      'quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559';
    expect(signer.sign(payload)).toBe(
      '0fd168b8ddb4876a0358a8d14d0c9f3da0e9b20c5d52b2a00fcf7d1c602f9a77',
    );
  });

  it('signs with the UTF-8 bytes of any secret, as createHmac with the string does', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string(), (secretKey, payload) => {
        const any = new BinanceSigner({ kind: 'hmac', apiKey: 'k', secretKey });
        expect(any.sign(payload)).toBe(
          createHmac('sha256', secretKey).update(payload).digest('hex'),
        );
      }),
    );
  });
});
