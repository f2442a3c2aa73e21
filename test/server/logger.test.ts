import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { REDACTED_PATHS } from '../../src/server/logger.js';
import { fakeEngine } from './fake-engine.js';

const TOKEN = 'top-secret-9f8e7d';

/** A pino logger writing JSON lines into an array, with the service's redaction. */
function capturingLogger(): { logger: pino.Logger; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const logger = pino(
    { level: 'trace', redact: { paths: REDACTED_PATHS, censor: '[redacted]' } },
    stream,
  );
  return { logger, lines };
}

describe('logs', () => {
  it('never contain the token, whether it is logged as config or sent in a header', async () => {
    const { logger, lines } = capturingLogger();
    logger.info({ config: { port: 1, token: TOKEN }, token: TOKEN }, 'starting');
    logger.info({ req: { headers: { authorization: `Bearer ${TOKEN}` } } }, 'request');
    const { engine } = fakeEngine();
    const app = await buildApp({ engine, logger, token: TOKEN });
    for (const authorization of [`Bearer ${TOKEN}`, `Bearer ${TOKEN}x`]) {
      await app.inject({ url: '/v1/orders', headers: { authorization } });
    }
    await app.close();
    await engine.stop();
    const text = lines.join('');
    expect(lines.length).toBeGreaterThan(2);
    expect(text).toContain('[redacted]');
    expect(text).not.toContain(TOKEN);
  });

  it('never contain Binance credentials, logged raw or in a config, nor a key signer', async () => {
    const { BinanceSigner } = await import('../../src/venues/binance/index.js');
    const { logger, lines } = capturingLogger();
    const credentials = {
      kind: 'hmac' as const,
      apiKey: 'api-key-5c4b',
      secretKey: 'secret-1a2b3c',
    };
    logger.info({ binance: credentials, ...credentials }, 'starting');
    logger.info({ config: { binance: { signer: new BinanceSigner(credentials) } } }, 'config');
    logger.info({ req: { headers: { 'x-mbx-apikey': credentials.apiKey } } }, 'request');
    const text = lines.join('');
    expect(text).not.toContain('secret-1a2b3c');
    expect(text).not.toContain('api-key-5c4b');
    expect(text).toMatch(/"fingerprint":"[0-9a-f]{12}"/);
  });
});
