import type { FastifyInstance } from 'fastify';
import type { EventStream } from '../event-stream.js';
import { errorResponses } from '../schemas.js';

/** `GET /v1/events`: the server-sent event stream, resumed after a `Last-Event-ID` header. */
export function eventRoutes(stream: EventStream) {
  return async (app: FastifyInstance): Promise<void> => {
    app.get(
      '/v1/events',
      {
        schema: {
          summary:
            'Server-sent events, each with an id: hello, order lifecycle (accepted, child_sent, ' +
            'fill, done, ...), throttled quotes per symbol, stats; resumes after Last-Event-ID, ' +
            'or sends reset then hello (README.md, Events, lists every event)',
          tags: ['events'],
          security: [{ bearer: [] }],
          response: {
            200: {
              description: 'The event stream, until the client or the server closes it.',
              content: { 'text/event-stream': { schema: { type: 'string' } } },
            },
            ...errorResponses('unauthorized'),
          },
        },
      },
      async (request, reply) => {
        const lastEventId = request.headers['last-event-id'];
        reply.hijack();
        stream.open(reply.raw, typeof lastEventId === 'string' ? lastEventId : undefined);
      },
    );
  };
}
