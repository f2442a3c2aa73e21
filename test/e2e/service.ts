import { pino } from 'pino';
import { RealClock } from '../../src/core/clock.js';
import { createSimulatedEngine } from '../../src/engine/simulated-engine.js';
import { type RunningServer, startServer } from '../../src/server/start-server.js';

/** The embedded default service on an ephemeral loopback port: fast ticks, a near venue, quiet logs. */
export function startTestService(options: { token?: string } = {}): Promise<RunningServer> {
  const engine = createSimulatedEngine({
    clock: new RealClock(),
    tickRate: 400,
    latencyMs: 1,
    seed: 7,
    quoteIntervalMs: 50,
    statsIntervalMs: 200,
  });
  return startServer(engine, pino({ level: 'silent' }), {
    host: '127.0.0.1',
    port: 0,
    ...(options.token === undefined ? {} : { token: options.token }),
  });
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
