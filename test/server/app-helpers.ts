import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import type { Engine } from '../../src/engine/engine.js';
import { buildApp } from '../../src/server/app.js';
import { fakeEngine } from './fake-engine.js';

/** An app over a fake engine, with logs silenced, for `inject` tests. */
export async function testApp(
  options: { token?: string; engine?: Engine; bodyLimit?: number } = {},
): Promise<{ app: FastifyInstance; engine: Engine }> {
  const engine = options.engine ?? fakeEngine();
  await engine.start();
  const app = await buildApp({
    engine,
    logger: pino({ level: 'silent' }),
    ...(options.token === undefined ? {} : { token: options.token }),
    ...(options.bodyLimit === undefined ? {} : { bodyLimit: options.bodyLimit }),
  });
  return { app, engine };
}

/** A valid new-order body, with overrides. */
export function orderBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { side: 'buy', symbol: 'BTC-USD', quantity: '0.5', algo: 'take', ...overrides };
}
