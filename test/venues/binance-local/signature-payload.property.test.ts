import { createHmac, generateKeyPairSync, sign } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ApiKeys } from '../../../src/venues/binance-local/api-keys.js';
import {
  paramText,
  restParams,
  wsPayload,
} from '../../../src/venues/binance-local/signature-payload.js';
import { DOCUMENTED } from '../binance/documented-example.js';

/** Distinct parameter names (never `signature`) with arbitrary values, in the order sent. */
const paramLists = fc.uniqueArray(
  fc.tuple(
    fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9]{0,11}$/).filter((name) => name !== 'signature'),
    fc.string({ maxLength: 12 }),
  ),
  { selector: ([name]) => name, maxLength: 8 },
);

describe('REST signature payloads', () => {
  it('are the query string then the body exactly as sent, without the signature pair', () => {
    fc.assert(
      fc.property(paramLists, fc.nat(), fc.string({ minLength: 1 }), (params, cut, signature) => {
        const split = params.length === 0 ? 0 : cut % (params.length + 1);
        const query = new URLSearchParams(params.slice(0, split)).toString();
        const body = new URLSearchParams(params.slice(split)).toString();
        const signedBody = `${body}${body === '' ? '' : '&'}signature=${encodeURIComponent(signature)}`;
        const read = restParams(query, signedBody);
        expect(read.payload).toBe(query + body);
        expect(read.signature).toBe(signature);
        expect(Object.fromEntries(read.params)).toEqual(Object.fromEntries(params));
      }),
    );
  });

  it("take the query string's value when both parts send a parameter, and refuse one sent twice in a part", () => {
    expect(restParams('a=1', 'a=2&b=3').params.get('a')).toBe('1');
    expect(() => restParams('a=1&a=2', '')).toThrow('Duplicate values for a parameter detected.');
  });

  it('match the documented example (mixed query string and body)', () => {
    const secret = 'NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j';
    const { payload, signature } = restParams(
      'symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC',
      'quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559&signature=0fd168b8ddb4876a0358a8d14d0c9f3da0e9b20c5d52b2a00fcf7d1c602f9a77',
    );
    expect(createHmac('sha256', secret).update(payload).digest('hex')).toBe(signature);
  });
});

describe('WebSocket API signature payloads', () => {
  it('are the params but signature sorted by name, whatever order they came in', () => {
    fc.assert(
      fc.property(paramLists, fc.string(), (params, signature) => {
        const forwards = Object.fromEntries([...params, ['signature', signature]]);
        const backwards = Object.fromEntries([['signature', signature], ...[...params].reverse()]);
        const expected = [...params]
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(([name, value]) => `${name}=${value}`)
          .join('&');
        expect(wsPayload(forwards)).toBe(expected);
        expect(wsPayload(backwards)).toBe(expected);
      }),
    );
  });

  it('are sorted right whatever lists of names came before (the sortings kept are reused)', () => {
    // Few names, so that lists repeat, in other orders, and differ by one name: more lists than
    // the sortings kept, in sequences where the same list comes back after others.
    const lists = fc.array(
      fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'B', 'aa', 'signature', 'timestamp'), {
        maxLength: 7,
      }),
      { minLength: 1, maxLength: 30 },
    );
    fc.assert(
      fc.property(lists, fc.nat(), (names, round) => {
        for (const list of names) {
          const params = Object.fromEntries(list.map((name) => [name, `${name}${round}`]));
          const expected = list
            .filter((name) => name !== 'signature')
            .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
            .map((name) => `${name}=${name}${round}`)
            .join('&');
          expect(wsPayload(params)).toBe(expected);
        }
      }),
    );
  });

  it('write numbers and other values as JSON does', () => {
    fc.assert(
      fc.property(fc.oneof(fc.double(), fc.integer(), fc.jsonValue()), (value) => {
        expect(paramText(value)).toBe(typeof value === 'string' ? value : JSON.stringify(value));
      }),
    );
    expect([paramText(-0), paramText(1e21), paramText(Number.NaN)]).toEqual(['0', '1e+21', 'null']);
  });

  it('match the documented HMAC example, its signature accepted in either case', () => {
    const { apiKey, secretKey, recvWindow, timestamp, signature } = DOCUMENTED;
    const params = { ...DOCUMENTED.params, recvWindow, timestamp, apiKey };
    const keys = new ApiKeys([{ apiKey, kind: 'hmac', secretKey }]);
    expect(keys.verify(apiKey, wsPayload(params), signature)).toBe(true);
    expect(keys.verify(apiKey, wsPayload(params), signature.toUpperCase())).toBe(true);
    expect(keys.verify(apiKey, wsPayload({ ...params, price: '52000.01' }), signature)).toBe(false);
  });

  it('verify Ed25519 signatures of any payload, and nothing signed by another key', () => {
    const mine = generateKeyPairSync('ed25519');
    const other = generateKeyPairSync('ed25519');
    const keys = new ApiKeys([{ apiKey: 'ed1', kind: 'ed25519', publicKey: mine.publicKey }]);
    fc.assert(
      fc.property(fc.string(), (payload) => {
        const good = sign(null, Buffer.from(payload), mine.privateKey).toString('base64');
        const bad = sign(null, Buffer.from(payload), other.privateKey).toString('base64');
        expect(keys.verify('ed1', payload, good)).toBe(true);
        expect(keys.verify('ed1', payload, bad)).toBe(false);
        expect(keys.verify('ed2', payload, good)).toBe(false);
      }),
      { numRuns: 50 },
    );
    expect(String(keys)).toBe('ApiKeys(1)');
  });
});
