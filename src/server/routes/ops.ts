import type { FastifyInstance } from 'fastify';
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

/** The operational routes: health, Prometheus metrics, the OpenAPI document. */
export function opsRoutes(engine: Engine) {
  return async (app: FastifyInstance): Promise<void> => {
    app.get(
      '/healthz',
      {
        schema: {
          summary:
            'Health: ok or degraded (a feed not live; 200), or recovering / journal_unavailable (503), with the reason and each feed',
          tags: ['operations'],
          response: {
            200: healthSchema,
            503: healthSchema,
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
        },
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
