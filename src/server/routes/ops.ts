import type { FastifyInstance } from 'fastify';
import type { Engine } from '../../service/engine.js';

/** The operational routes: health, Prometheus metrics, the OpenAPI document. */
export function opsRoutes(engine: Engine) {
  return async (app: FastifyInstance): Promise<void> => {
    app.get(
      '/healthz',
      {
        schema: {
          summary: 'Liveness: the engine is running',
          tags: ['operations'],
          response: {
            200: {
              type: 'object',
              properties: {
                status: { type: 'string' },
                liveOrders: { type: 'number' },
                uptimeSeconds: { type: 'number' },
              },
            },
          },
        },
      },
      async () => ({
        status: 'ok',
        liveOrders: engine.dispatcher.size,
        uptimeSeconds: process.uptime(),
      }),
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
