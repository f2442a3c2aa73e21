import { pino } from 'pino';
import { RealClock } from '../../src/core/clock.js';
import { createSimulatedEngine } from '../../src/engine/simulated-engine.js';
import { SqliteJournal } from '../../src/journal/sqlite-journal.js';
import type { RiskLimits } from '../../src/risk/risk-limits.js';
import { type RunningServer, startServer } from '../../src/server/start-server.js';
import { openIntake } from '../server/fake-engine.js';

/**
 * The embedded default service on an ephemeral loopback port, started as `exo` starts it:
 * journaling (to the file at `journal`, in memory without one), listening, then recovered from
 * the journal before intake opens (checking `limits` when given). Fast ticks, a near venue, quiet
 * logs.
 */
export async function startTestService(
  options: { token?: string; journal?: string; limits?: RiskLimits } = {},
): Promise<RunningServer> {
  const engine = createSimulatedEngine({
    clock: new RealClock(),
    tickRate: 400,
    latencyMs: 1,
    seed: 7,
    quoteIntervalMs: 50,
    statsIntervalMs: 200,
    ...(options.limits === undefined ? {} : { limits: options.limits }),
    journal:
      options.journal === undefined
        ? SqliteJournal.inMemory()
        : SqliteJournal.open(options.journal),
  });
  const service = await startServer(engine, pino({ level: 'silent' }), {
    host: '127.0.0.1',
    port: 0,
    ...(options.token === undefined ? {} : { token: options.token }),
  });
  try {
    await openIntake(engine);
  } catch (error) {
    await service.close();
    throw error;
  }
  return service;
}

/** Sends JSON to the service and returns the status and parsed body. */
export async function call(
  service: RunningServer,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${service.url}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
