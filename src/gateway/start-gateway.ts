import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { pgTarget } from '../journal/postgres/pg-target.js';
import type { EventStreamOptions } from '../server/event-stream.js';
import { assertSafeListen } from '../server/listen-policy.js';
import { listenUrl } from '../server/start-server.js';
import { Forwarder } from './forwarder.js';
import { buildGatewayApp } from './gateway-app.js';
import { gatewayMetrics } from './gateway-metrics.js';
import { DEFAULT_REFRESH_MS, LeaseTable } from './lease-table.js';
import { MergedStream } from './merged-stream.js';

/** Where and how `exo gateway` serves, and the journal whose lease table it reads. */
export interface GatewayConfig {
  /** The `postgres://…` URL of the workers' journal (its `schema` parameter included). */
  readonly journal: string;
  readonly host: string;
  /** 0 for an ephemeral port. */
  readonly port: number;
  /**
   * The bearer token clients must send; also the token the gateway sends owners for its own
   * event streams (workers and gateway share it). Clients' own Authorization headers are
   * forwarded as they are.
   */
  readonly token?: string;
  readonly allowedHosts?: readonly string[];
  /** How often the lease table is read (default 250 ms). */
  readonly refreshMs?: number;
  /** How long an owner has to answer a forwarded request (default 10 s). */
  readonly forwardTimeoutMs?: number;
  readonly events?: EventStreamOptions;
}

/** A running gateway: its address, its parts (for tests), and the way to stop it. */
export interface RunningGateway {
  readonly app: FastifyInstance;
  readonly table: LeaseTable;
  /** The base URL, such as `http://127.0.0.1:8080`. */
  readonly url: string;
  /** Stops serving, ends the event streams, closes the lease table's connection. Idempotent. */
  close(): Promise<void>;
}

/**
 * Starts `exo gateway`: reads the lease table, follows every owner's event stream and serves
 * the API. Refuses (UnsafeListenError) to listen beyond loopback without a token; if anything
 * fails on the way, what was started is stopped again.
 */
export async function startGateway(config: GatewayConfig, logger: Logger): Promise<RunningGateway> {
  assertSafeListen(config.host, config.token);
  const table = await LeaseTable.open(
    pgTarget(config.journal),
    config.refreshMs ?? DEFAULT_REFRESH_MS,
  );
  const metrics = gatewayMetrics(table);
  const authorization = config.token === undefined ? undefined : `Bearer ${config.token}`;
  const stream = new MergedStream(table, metrics, authorization, config.events);
  let app: FastifyInstance | undefined;
  try {
    app = await buildGatewayApp({
      table,
      forwarder: new Forwarder(table, metrics, config.forwardTimeoutMs),
      stream,
      metrics,
      logger,
      ...(config.token === undefined ? {} : { token: config.token }),
      allowedHosts: [config.host, ...(config.allowedHosts ?? [])],
    });
    app.addHook('preClose', async () => stream.close());
    stream.start();
    await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    stream.close();
    await app?.close();
    await table.close();
    throw error;
  }
  const server = app;
  let closing: Promise<void> | undefined;
  return {
    app: server,
    table,
    url: listenUrl(server, config.host, config.port),
    close() {
      closing ??= (async () => {
        await server.close();
        await table.close();
      })();
      return closing;
    },
  };
}
