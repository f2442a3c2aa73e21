import type { FastifyInstance, onRequestAsyncHookHandler } from 'fastify';
import type { Engine } from '../../engine/engine.js';
import { FEED_STATES } from '../../feeds/index.js';

/** What `/healthz` answers. */
const healthSchema = {
  type: 'object',
  properties: {
    status: { type: 'string', enum: ['ok', 'degraded', 'recovering', 'journal_unavailable'] },
    reason: { type: 'string' },
    feeds: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          exchange: { type: 'string' },
          state: { type: 'string', enum: FEED_STATES },
          since: { type: 'number' },
        },
      },
    },
    liveOrders: { type: 'number' },
    uptimeSeconds: { type: 'number' },
  },
} as const;

/**
 * The operational routes: health, Prometheus metrics, the OpenAPI document. `metricsAuth`, the
 * bearer token check when a token is set, guards /metrics, whose order counts and fill totals
 * are the business's; health stays open for probes, the OpenAPI document holds no data.
 */
export function opsRoutes(engine: Engine, metricsAuth?: onRequestAsyncHookHandler) {
  return async (app: FastifyInstance): Promise<void> => {
    app.get(
      '/healthz',
      {
        schema: {
          summary:
            'Health: ok or degraded (a feed not live; 200), or recovering / journal_unavailable (503), with the reason and each feed',
          tags: ['operations'],
          response: {
            200: {
              description: 'exo takes instructions: ok, or degraded while a live feed is not live.',
              ...healthSchema,
            },
            503: { description: 'exo is recovering, or its journal failed.', ...healthSchema },
          },
        },
      },
      async (_request, reply) => {
        const health = engine.health();
        const serving = health.status === 'ok' || health.status === 'degraded';
        return reply.code(serving ? 200 : 503).send({
          ...health,
          liveOrders: engine.dispatcher.size,
          uptimeSeconds: process.uptime(),
        });
      },
    );

    app.get(
      '/metrics',
      {
        schema: {
          summary: 'Metrics in the Prometheus text format',
          tags: ['operations'],
          produces: ['text/plain'],
          ...(metricsAuth === undefined ? {} : { security: [{ bearer: [] }] }),
          response: {
            200: { description: 'The metrics, as Prometheus scrapes them.', type: 'string' },
          },
        },
        ...(metricsAuth === undefined ? {} : { onRequest: metricsAuth }),
      },
      async (_request, reply) => {
        const { registry } = engine.metrics;
        const text = await registry.metrics();
        return reply.type(registry.contentType).send(text);
      },
    );

    app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  };
}
