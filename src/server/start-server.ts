import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Engine } from '../engine/engine.js';
import { buildApp } from './app.js';
import type { EventStreamOptions } from './event-stream.js';
import { assertSafeListen } from './listen-policy.js';

/** Where and how to serve an engine. */
export interface ServerConfig {
  readonly host: string;
  /** 0 for an ephemeral port. */
  readonly port: number;
  readonly token?: string;
  /** Host names answered besides localhost, IP addresses and `host` itself (see hostCheck). */
  readonly allowedHosts?: readonly string[];
  readonly bodyLimit?: number;
  readonly events?: EventStreamOptions;
}

/** A running server: its address, and the way to stop it and its engine. */
export interface RunningServer {
  readonly app: FastifyInstance;
  readonly engine: Engine;
  /** The base URL, such as `http://127.0.0.1:8080`. */
  readonly url: string;
  /**
   * Stops gracefully: no new requests or event streams, then the engine stops (delegates clean
   * up, venue and market data close). Safe to call more than once.
   */
  close(): Promise<void>;
}

/**
 * Starts the engine and serves it over HTTP. Refuses (UnsafeListenError) to listen beyond loopback
 * without a token; if anything fails on the way, what was started is stopped again.
 */
export async function startServer(
  engine: Engine,
  logger: Logger,
  config: ServerConfig,
): Promise<RunningServer> {
  assertSafeListen(config.host, config.token);
  await engine.start();
  let app: FastifyInstance | undefined;
  try {
    app = await buildApp({
      engine,
      logger,
      ...(config.token === undefined ? {} : { token: config.token }),
      allowedHosts: [config.host, ...(config.allowedHosts ?? [])],
      ...(config.bodyLimit === undefined ? {} : { bodyLimit: config.bodyLimit }),
      ...(config.events === undefined ? {} : { events: config.events }),
    });
    await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    await app?.close();
    await engine.stop();
    throw error;
  }
  const server = app;
  let closing: Promise<void> | undefined;
  return {
    app: server,
    engine,
    url: listenUrl(server, config.host, config.port),
    close() {
      closing ??= (async () => {
        await server.close();
        await engine.stop();
      })();
      return closing;
    },
  };
}

/** The base URL a listening app serves at (`http://host:port`, an IPv6 host bracketed). */
export function listenUrl(app: FastifyInstance, host: string, port: number): string {
  const address = app.server.address();
  const bound = typeof address === 'object' && address !== null ? address.port : port;
  return `http://${host.includes(':') ? `[${host}]` : host}:${bound}`;
}
