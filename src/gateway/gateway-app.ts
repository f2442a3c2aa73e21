import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  LogController,
} from 'fastify';
import type { Logger } from 'pino';
import { answerAsTheApi } from '../server/app.js';
import { bearerAuth } from '../server/auth.js';
import { clientErrorHandler, frameworkErrors } from '../server/framework-errors.js';
import { hostCheck } from '../server/host-check.js';
import { MethodNotAllowed } from '../server/method-not-allowed.js';
import { dashboardRoutes } from '../server/routes/dashboard.js';
import { MAX_ORDER_ID_LENGTH } from '../server/schemas.js';
import { fanOut } from './fan-out.js';
import type { Forwarder } from './forwarder.js';
import type { GatewayMetrics } from './gateway-metrics.js';
import type { LeaseTable } from './lease-table.js';
import { mergedList } from './merged-list.js';
import type { MergedStream } from './merged-stream.js';
import { FORWARDED_REQUEST_HEADERS, type OwnerRequest, pick } from './owner-request.js';
import { shardOfNewOrder, shardOfOrder, shardOfSymbolIn } from './router.js';

/** What the gateway's HTTP app is built from. */
export interface GatewayAppOptions {
  readonly table: LeaseTable;
  readonly forwarder: Forwarder;
  readonly stream: MergedStream;
  readonly metrics: GatewayMetrics;
  readonly logger: Logger;
  /** When set, every /v1 route and /metrics require `Authorization: Bearer <token>`. */
  readonly token?: string;
  readonly allowedHosts?: readonly string[];
  readonly bodyLimit?: number;
}

/** The per-engine reads answered per shard, and the instructions broadcast to every shard. */
const FANNED_OUT: readonly (readonly ['GET' | 'PUT', string])[] = [
  ['GET', '/v1/risk'],
  ['GET', '/v1/trading'],
  ['GET', '/v1/venue'],
  ['GET', '/v1/limits'],
  ['PUT', '/v1/limits'],
];

/**
 * Trading instructions: one naming a `symbol` goes to that symbol's shard alone (only its engine
 * knows the symbol) and answers as that engine does; one for everything is broadcast.
 */
const TRADING = ['/v1/halt', '/v1/resume', '/v1/trading'] as const;

/**
 * The gateway's HTTP API: exo's own routes, each forwarded to the owner of its shard (a new order
 * by its symbol, an order by its ID), merged over every shard (the order list, the event stream)
 * or fanned out to every shard (see fanOut); its own /healthz and /metrics; exo's API document
 * (/openapi.json, a live owner's); and the dashboard,
 * whose calls then reach the gateway. Bodies are passed on as bytes, unread but for a new order's
 * symbol; errors are exo's own (`{error, message}`, one table).
 */
export async function buildGatewayApp(options: GatewayAppOptions): Promise<FastifyInstance> {
  const { table, forwarder, stream, metrics } = options;
  const logger: FastifyBaseLogger = options.logger;
  const app = Fastify({
    loggerInstance: logger,
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: options.bodyLimit ?? 16 * 1024,
    routerOptions: { maxParamLength: MAX_ORDER_ID_LENGTH },
    frameworkErrors,
    clientErrorHandler,
    // Closing ends every connection, event streams included: an instruction cut off in flight
    // may or may not have reached its owner, which the client settles by repeating it with its
    // Idempotency-Key, as after any failure.
    forceCloseConnections: true,
  });
  app.addHook('onRequest', hostCheck(options.allowedHosts ?? []));
  const methods = new MethodNotAllowed();
  app.addHook('onRoute', methods.collect);
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  answerAsTheApi(app);
  const auth =
    options.token !== undefined && options.token !== '' ? bearerAuth(options.token) : undefined;

  await app.register(async (api) => {
    if (auth !== undefined) api.addHook('onRequest', auth);
    api.post('/v1/orders', async (request, reply) => {
      const shard = shardOfNewOrder(
        body(request),
        request.headers['content-type'],
        table.shardCount,
      );
      return relay(reply, await forwarder.forward(shard, ownerRequest(request)));
    });
    api.get('/v1/orders', async (request, reply) => {
      const query = new URLSearchParams(request.url.split('?')[1] ?? '');
      return relay(reply, await mergedList(table, forwarder, query, forwardedHeaders(request)));
    });
    for (const method of ['GET', 'PATCH', 'DELETE'] as const) {
      api.route<{ Params: { id: string } }>({
        method,
        url: '/v1/orders/:id',
        handler: async (request, reply) => {
          const shard = shardOfOrder(request.params.id, table.shardCount);
          return relay(reply, await forwarder.forward(shard, ownerRequest(request)));
        },
      });
    }
    for (const [method, url] of FANNED_OUT) {
      api.route({
        method,
        url,
        handler: async (request, reply) =>
          relay(reply, await fanOut(table, forwarder, ownerRequest(request))),
      });
    }
    for (const url of TRADING) {
      api.post(url, async (request, reply) => {
        const shard = shardOfSymbolIn(
          body(request),
          request.headers['content-type'],
          table.shardCount,
        );
        const sent = ownerRequest(request);
        return relay(
          reply,
          shard === undefined
            ? await fanOut(table, forwarder, sent)
            : await forwarder.forward(shard, sent),
        );
      });
    }
    api.get('/v1/events', async (request, reply) => {
      const lastEventId = request.headers['last-event-id'];
      reply.hijack();
      await stream.open(reply.raw, typeof lastEventId === 'string' ? lastEventId : undefined);
    });
  });
  app.get('/healthz', async (_request, reply) => {
    const live = table.owners().length;
    const readable = table.readAgeMs < 5_000;
    const status = !readable
      ? 'lease_table_unreadable'
      : live === 0
        ? 'no_live_shards'
        : live < table.shardCount
          ? 'degraded'
          : 'ok';
    return reply.code(readable && live > 0 ? 200 : 503).send({
      status,
      shards: table.shardCount,
      liveShards: live,
      uptimeSeconds: process.uptime(),
    });
  });
  // Every shard's engine serves the same API: the document is any live owner's (the lowest
  // shard's), so client generators pointed at the gateway see exo's API; 503 with none live.
  app.get('/openapi.json', async (request, reply) => {
    const shard = table.owners()[0]?.shard ?? 0;
    return relay(reply, await forwarder.forward(shard, ownerRequest(request)));
  });
  app.get('/metrics', auth === undefined ? {} : { onRequest: auth }, async (_request, reply) =>
    reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()),
  );
  await app.register(dashboardRoutes);
  methods.answerTheRest(app);
  return app;
}

/** A client's request as the owner gets it: method, path and query, body, headers that matter. */
function ownerRequest(request: FastifyRequest): OwnerRequest {
  const raw = body(request);
  return {
    method: request.method,
    path: request.url,
    headers: forwardedHeaders(request),
    ...(raw === undefined ? {} : { body: raw }),
  };
}

function forwardedHeaders(request: FastifyRequest): Record<string, string> {
  return pick(request.headers, FORWARDED_REQUEST_HEADERS);
}

function body(request: FastifyRequest): Buffer | undefined {
  return Buffer.isBuffer(request.body) ? request.body : undefined;
}

/** Sends an answer (an owner's, a merge's) with its status, headers and body. */
function relay(
  reply: FastifyReply,
  answer: {
    readonly status: number;
    readonly headers: Readonly<Record<string, string>>;
    readonly body: unknown;
  },
): FastifyReply {
  return reply.code(answer.status).headers(answer.headers).send(answer.body);
}
