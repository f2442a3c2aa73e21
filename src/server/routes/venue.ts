import type { FastifyInstance } from 'fastify';
import type { Engine } from '../../engine/engine.js';
import { errorResponses } from '../schemas.js';

const count = { type: 'integer', minimum: 0 } as const;

const linkSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['connected', 'connections', 'restarts', 'working', 'unconfirmed', 'catchingUp'],
  description:
    'The link to a venue reached over a connection; absent for the in-process paper venue.',
  properties: {
    connected: { type: 'boolean' },
    connections: { ...count, description: 'Connections opened: 2 after the first reconnect.' },
    restarts: { ...count, description: 'Reconnections that found the venue restarted.' },
    working: { ...count, description: 'Children sent and not seen to end.' },
    unconfirmed: { ...count, description: 'Requests and queries the venue has not answered.' },
    catchingUp: {
      type: 'boolean',
      description: 'Reports are held while what a dropped connection missed is caught up on.',
    },
    rateLimits: {
      type: 'array',
      description: "The venue's rate limits, with what exo used of each in its current window.",
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'used', 'limit'],
        properties: { name: { type: 'string' }, used: count, limit: count },
      },
    },
    stopped: {
      type: 'string',
      description:
        'Why order entry is stopped (a ban by the venue, say); absent while exo may send.',
    },
    counters: {
      type: 'object',
      description:
        "The link's own counts since exo started, by name: a FIX session's resend requests, messages resent, gap fills, rejects and duplicates dropped.",
      additionalProperties: count,
    },
  },
} as const;

const statusSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'unknownChildren'],
  properties: {
    name: { type: 'string' },
    link: linkSchema,
    unknownChildren: {
      type: 'array',
      description:
        "Children whose pending request's outcome is unknown: never resent, waiting for a report or a status answer.",
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['orderId', 'clOrdId'],
        properties: { orderId: { type: 'string' }, clOrdId: { type: 'string' } },
      },
    },
  },
} as const;

/** `GET /v1/venue`: where the venue stands (see Engine.venueStatus), for operators and the dashboard. */
export function venueRoutes(engine: Engine) {
  return async (app: FastifyInstance): Promise<void> => {
    app.get(
      '/v1/venue',
      {
        schema: {
          summary: 'Where the venue stands: its link, rate limits and unknown children',
          tags: ['venue'],
          security: [{ bearer: [] }],
          response: {
            200: {
              description:
                "The venue's name, its link when reached over a connection, the unknown children.",
              ...statusSchema,
            },
            ...errorResponses('unauthorized'),
          },
        },
      },
      async () => engine.venueStatus(),
    );
  };
}
