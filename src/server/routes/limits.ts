import type { FastifyInstance } from 'fastify';
import type { Engine } from '../../engine/engine.js';
import { LimitsFileError } from '../../risk/limits-error.js';
import { limitsToJSON, parseLimits } from '../../risk/limits-file.js';
import type { RiskLimits } from '../../risk/risk-limits.js';
import { HttpError } from '../http-error.js';
import { journaledChange } from '../journaled-change.js';
import { errorResponses } from '../schemas.js';

const security = [{ bearer: [] }];

/** The limits as the limits file holds them: decimals as strings (see the README). */
const limitsSchema = {
  type: 'object',
  additionalProperties: true,
} as const;

/** What `PUT /v1/limits` reads its body as, named in its errors. */
const BODY = 'request body';

/**
 * The risk limits: `GET /v1/limits` shows those in force (204 when none are), `PUT /v1/limits`
 * replaces them with a body written as the limits file is, journaled as set by `http`. A body that
 * is not valid limits is a 400 naming the field and why, and the old limits stay.
 */
export function limitsRoutes(engine: Engine) {
  return async (app: FastifyInstance): Promise<void> => {
    app.get(
      '/v1/limits',
      {
        schema: {
          summary: 'The risk limits in force',
          tags: ['risk'],
          security,
          response: {
            200: { description: 'The limits in force.', ...limitsSchema },
            204: { description: 'No limits are set: no risk check runs.', type: 'null' },
            ...errorResponses('unauthorized'),
          },
        },
      },
      async (_request, reply) => {
        const { limits } = engine;
        if (limits === undefined) return reply.code(204).send();
        return limitsToJSON(limits);
      },
    );

    app.put<{ Body: unknown }>(
      '/v1/limits',
      {
        schema: {
          summary: 'Replaces the risk limits (journaled, in force at once)',
          tags: ['risk'],
          security,
          body: { description: 'The limits, as the limits file holds them.', ...limitsSchema },
          response: {
            200: { description: 'The limits now in force.', ...limitsSchema },
            ...errorResponses(
              'unauthorized',
              'invalid_request',
              'body_too_large',
              'unsupported_media_type',
              'recovering',
              'journal_unavailable',
            ),
          },
        },
      },
      async (request) => {
        let limits: RiskLimits;
        try {
          limits = parseLimits(request.body, BODY);
        } catch (error) {
          if (!(error instanceof LimitsFileError)) throw error;
          throw new HttpError('invalid_request', error.message);
        }
        await journaledChange(engine, () => engine.changeLimits(limits, 'http'));
        return limitsToJSON(limits);
      },
    );
  };
}
