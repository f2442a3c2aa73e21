import type { FastifyInstance } from 'fastify';
import type { EventStream } from '../event-stream.js';

/** `GET /v1/events`: the server-sent event stream. */
export function eventRoutes(stream: EventStream) {
  return async (app: FastifyInstance): Promise<void> => {
    app.get(
      '/v1/events',
      {
        schema: {
          summary:
            'Server-sent events: hello, order lifecycle (accepted, child_sent, child_acknowledged, ' +
            'fill, replaced, done, rejected, error, ...), throttled quotes per symbol, stats',
          tags: ['events'],
          security: [{ bearer: [] }],
          produces: ['text/event-stream'],
        },
      },
      async (_request, reply) => {
        reply.hijack();
        stream.open(reply.raw);
      },
    );
  };
}
