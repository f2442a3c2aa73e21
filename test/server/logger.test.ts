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
});
