import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exo } from '../../cli/run-exo.js';
import {
  ED25519,
  ed25519Signature,
  HMAC,
  type LocalBinance,
  signedRest,
  startLocalBinance,
  withSignature,
  wsApiClient,
} from './local-binance.js';

/** Signed requests against the local Binance in its own process: what it accepts and refuses. */
describe('the local Binance checks signatures, API keys and timing', () => {
  let server: LocalBinance;
  beforeAll(async () => {
    server = await startLocalBinance();
  });
  afterAll(async () => server?.stop());

  const account = (options: Parameters<typeof signedRest>[4] = {}) =>
    signedRest(server.url, 'GET', '/api/v3/account', {}, options);

  it('accepts HMAC-SHA256 and Ed25519 signatures over REST', async () => {
    expect((await account()).status).toBe(200);
    const ed = await account({ apiKey: ED25519.apiKey, signer: ed25519Signature });
    expect(ed.status).toBe(200);
    expect(ed.body.accountType).toBe('SPOT');
  });

  it('verifies a signature over query string and body together, with no & between them', async () => {
    const timestamp = Date.now();
    const query = 'symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC';
    const body = `quantity=0.001&price=50000.00&timestamp=${timestamp}`;
    const { hmac } = await import('./local-binance.js');
    const response = await fetch(`${server.url}/api/v3/order?${query}`, {
      method: 'POST',
      headers: { 'X-MBX-APIKEY': HMAC.apiKey, 'content-type': 'application/x-www-form-urlencoded' },
      body: `${body}&signature=${hmac(query + body)}`,
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'NEW', origQty: '0.00100000' });
  });

  it('accepts both kinds over the WebSocket API, signed over the params sorted by name', async () => {
    const client = await wsApiClient(server.wsApi);
    const answer = await client.call('account.status');
    expect(answer.status).toBe(200);
    const params = { apiKey: ED25519.apiKey, timestamp: Date.now(), recvWindow: 5000 };
    const payload = `apiKey=${params.apiKey}&recvWindow=5000&timestamp=${params.timestamp}`;
    const ed = await client.call(
      'account.status',
      { ...params, signature: ed25519Signature(payload) },
      false,
    );
    expect(ed.status).toBe(200);
    const unsorted = await client.call(
      'account.status',
      {
        ...params,
        apiKey: HMAC.apiKey,
        signature: withSignature({ timestamp: params.timestamp }).signature,
      },
      false,
    );
    expect(unsorted.error).toEqual({
      code: -1022,
      msg: 'Signature for this request is not valid.',
    });
    client.close();
  });

  it('refuses a bad signature, an unknown or malformed key, a skewed or expired timestamp', async () => {
    expect((await account({ signer: () => '0'.repeat(64) })).body).toEqual({
      code: -1022,
      msg: 'Signature for this request is not valid.',
    });
    const unknown = await account({ apiKey: 'noSuchKey' });
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual({
      code: -2015,
      msg: 'Invalid API-key, IP, or permissions for action.',
    });
    const malformed = await account({ apiKey: 'bad key!' });
    expect(malformed.status).toBe(401);
    expect(malformed.body).toEqual({ code: -2014, msg: 'API-key format invalid.' });
    const ahead = await account({ timestamp: Date.now() + 5_000 });
    expect(ahead.status).toBe(400);
    expect(ahead.body).toEqual({
      code: -1021,
      msg: "Timestamp for this request was 1000ms ahead of the server's time.",
    });
    const stale = await account({ timestamp: Date.now() - 6_000 });
    expect(stale.body).toEqual({
      code: -1021,
      msg: 'Timestamp for this request is outside of the recvWindow.',
    });
    const shortWindow = await signedRest(
      server.url,
      'GET',
      '/api/v3/account',
      { recvWindow: 100 },
      { timestamp: Date.now() - 500 },
    );
    expect(shortWindow.body.code).toBe(-1021);
    const widerWindow = await signedRest(
      server.url,
      'GET',
      '/api/v3/account',
      { recvWindow: 10_000 },
      { timestamp: Date.now() - 6_000 },
    );
    expect(widerWindow.status).toBe(200);
  });

  it('never prints a secret or an API key, whatever it was sent', () => {
    const output = server.output();
    expect(output).toContain('listening on');
    for (const secret of [HMAC.secretKey, HMAC.apiKey, ED25519.apiKey]) {
      expect(output).not.toContain(secret);
    }
  });

  it('refuses a bad command line without repeating the secret it was given', async () => {
    for (const args of [
      ['--secret-key', HMAC.secretKey],
      ['--api-key', HMAC.apiKey, '--secret-key', HMAC.secretKey, '--bogus'],
      ['--api-key', 'not a key', '--secret-key', HMAC.secretKey],
    ]) {
      const run = exo(['venue', '--protocol', 'binance', '--port', '0', ...args]);
      expect(await run.exited).toBe(2);
      expect(run.stderr()).toContain('Usage: exo venue');
      expect(run.stdout() + run.stderr()).not.toContain(HMAC.secretKey);
    }
  });
});
