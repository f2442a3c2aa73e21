import { Writable } from 'node:stream';
import type { FastifyBaseLogger } from 'fastify';
import { pino } from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { LazyRequestLogger } from '../../src/server/lazy-request-logger.js';
import { REDACTED_PATHS } from '../../src/server/logger.js';
import { fakeEngine } from './fake-engine.js';

/** A pino logger at `level` writing parsed JSON lines into an array, with the service's redaction. */
function capturingLogger(level: string): { logger: pino.Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  const logger = pino({ level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, stream);
  return { logger, lines };
}

/** Counts the child loggers `logger` makes from now on. */
function countChildren(logger: FastifyBaseLogger): { made: number } {
  const counter = { made: 0 };
  const child = logger.child.bind(logger);
  logger.child = (bindings, options) => {
    counter.made++;
    return child(bindings, options);
  };
  return counter;
}

describe('a request logger', () => {
  it('makes no child logger for lines below the level, and a child with the bindings for one at it', () => {
    const { logger, lines } = capturingLogger('warn');
    const child = vi.spyOn(logger, 'child');
    const request = new LazyRequestLogger(logger, { reqId: 'req-7' });
    request.info('not logged');
    request.debug({ token: 'x' }, 'not logged either');
    expect(child).not.toHaveBeenCalled();
    expect(request.materialized).toBe(false);
    expect(request.level).toBe('warn');
    request.warn({ token: 'secret-token-1' }, 'logged');
    request.info('still below the level');
    expect(child).toHaveBeenCalledTimes(1);
    expect(lines).toEqual([
      expect.objectContaining({ reqId: 'req-7', token: '[redacted]', msg: 'logged', level: 40 }),
    ]);
  });

  it("follows a route's own level over the service's", () => {
    const { logger, lines } = capturingLogger('warn');
    const request = new LazyRequestLogger(logger, { reqId: 'req-8' }, { level: 'debug' });
    expect(request.level).toBe('debug');
    request.trace('below the route level');
    request.debug('at the route level');
    expect(lines).toEqual([expect.objectContaining({ reqId: 'req-8', msg: 'at the route level' })]);
  });

  it('logs nothing and makes no child when the level is silent', () => {
    const { logger, lines } = capturingLogger('silent');
    const child = vi.spyOn(logger, 'child');
    const request = new LazyRequestLogger(logger, { reqId: 'req-9' });
    request.fatal('not even this');
    expect(lines).toEqual([]);
    expect(child).not.toHaveBeenCalled();
  });

  it("is what the service's requests log through: no child per request at warn, the request ID on lines at debug", async () => {
    for (const level of ['warn', 'debug']) {
      const { logger, lines } = capturingLogger(level);
      const { engine } = fakeEngine();
      const app = await buildApp({ engine, logger });
      // fastify logs through its own child of the service's logger: requests' loggers come from it.
      const children = countChildren(app.log);
      for (let i = 0; i < 5; i++) await app.inject({ url: '/healthz' });
      await app.close();
      await engine.stop();
      const completed = lines.filter((line) => line.msg === 'request completed');
      if (level === 'warn') {
        expect(children.made).toBe(0);
        expect(completed).toEqual([]);
      } else {
        expect(children.made).toBe(5);
        expect(completed).toHaveLength(5);
        expect(new Set(completed.map((line) => line.reqId)).size).toBe(5);
      }
    }
  });
});
