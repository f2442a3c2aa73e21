import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterEach, beforeEach } from 'vitest';
import type { Engine } from '../../src/engine/engine.js';
import type { EngineParts } from '../../src/engine/engine-parts.js';
import { buildApp } from '../../src/server/app.js';
import type { VenueLink } from '../../src/venues/venue.js';
import { fakeEngine, openIntake, type ScriptedVenue } from './fake-engine.js';

/**
 * An app over a fake engine (journaled, recovered, intake open, with `parts` overriding its
 * defaults), with logs silenced, for `inject` tests; `venue` sends the engine the reports a test
 * scripts.
 */
export async function testApp(
  options: {
    token?: string;
    bodyLimit?: number;
    allowedHosts?: readonly string[];
    parts?: Partial<Omit<EngineParts, 'venue' | 'journal'>>;
    /** Makes the scripted venue one reached over a connection, with this link. */
    link?: () => VenueLink;
  } = {},
): Promise<{ app: FastifyInstance; engine: Engine; venue: ScriptedVenue }> {
  const { engine, venue } = fakeEngine(options.parts, options.link);
  await engine.start();
  await openIntake(engine);
  const app = await buildApp({
    engine,
    logger: pino({ level: 'silent' }),
    ...(options.token === undefined ? {} : { token: options.token }),
    ...(options.bodyLimit === undefined ? {} : { bodyLimit: options.bodyLimit }),
    ...(options.allowedHosts === undefined ? {} : { allowedHosts: options.allowedHosts }),
  });
  return { app, engine, venue };
}

/** A test app's parts, as `testApp` gives them. */
export interface TestApp {
  app: FastifyInstance;
  engine: Engine;
  venue: ScriptedVenue;
}

/**
 * A fresh test app for each test of the calling file, closed (with its engine) after it: the
 * returned object holds the current test's app.
 */
export function eachTestApp(): TestApp {
  const current = {} as TestApp;
  beforeEach(async () => {
    Object.assign(current, await testApp());
  });
  afterEach(async () => {
    await current.app.close();
    await current.engine.stop();
  });
  return current;
}

/** A valid new-order body, with overrides. */
export function orderBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { side: 'buy', symbol: 'BTC-USD', quantity: '0.5', algo: 'take', ...overrides };
}
