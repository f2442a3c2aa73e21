import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BinanceSigner, signedWsParams } from '../../../src/venues/binance/binance-signer.js';

/** The HMAC key of Binance's signing examples (binance-spot-api-docs). */
const DOCUMENTED = {
  apiKey: 'vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A',
  secretKey: 'NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j',
};

describe('HMAC-SHA256 signing', () => {
  const signer = new BinanceSigner({ kind: 'hmac', ...DOCUMENTED });

  it("gives the WebSocket API documentation's order.place signature", () => {
    const params = {
      symbol: 'BTCUSDT',
      side: 'SELL',
      type: 'LIMIT',
      timeInForce: 'GTC',
      quantity: '0.01000000',
      price: '52000.00',
      newOrderRespType: 'ACK',
    };
    expect(signedWsParams(signer, params, 100, 1645423376532).signature).toBe(
      'cc15477742bd704c29492d96c7ead9414dfd8e0ec4a00f947bb5bb454ddbd08a',
    );
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
