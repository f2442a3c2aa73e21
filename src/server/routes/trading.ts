import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Engine } from '../../engine/engine.js';
import type { TradingStateChange, TradingStateRequest } from '../../engine/trading-status.js';
import { covers, type TradingState } from '../../market/trading-state.js';
import { journaledChange } from '../journaled-change.js';
import { errorResponses } from '../schemas.js';
import { type HTTP_CHANGED_BY, haltBody, tradingStateBody } from '../trading-schemas.js';

/** The body of `POST /v1/halt` and `/v1/resume` after schema validation. */
interface HaltBody {
  readonly symbol?: string;
  readonly reason?: string;
  readonly by?: (typeof HTTP_CHANGED_BY)[number];
}

/** The body of `POST /v1/trading` after schema validation. */
interface TradingStateBody extends HaltBody {
  readonly state: TradingState;
}

/**
 * What a change answers (`TradingStateChange` in the OpenAPI document): the change in force and
 * how many working children of its scope are being cancelled, awaiting the venue.
 */
export type TradingChangeAnswer = TradingStateChange & { readonly cancelling: number };

const security = [{ bearer: [] }];

/** The errors a trading-state change can answer. */
const changeErrors = errorResponses(
  'unauthorized',
  'invalid_request',
  'body_too_large',
  'unsupported_media_type',
  'invalid_instruction',
  'recovering',
  'journal_unavailable',
  'stopped',
);

/** Takes a request without a body as one with an empty body: halt and resume need no fields. */
async function noBodyIsEmpty(request: FastifyRequest): Promise<void> {
  request.body ??= {};
}

const changeResponse = {
  200: {
    description:
      'The change, journaled and in force, and how many working children of its scope are being cancelled.',
    $ref: 'TradingStateChange#',
  },
  ...changeErrors,
};

/**
 * The kill switch and trading states over HTTP: `POST /v1/halt` and `/v1/resume` (everything, or
 * one symbol), `POST /v1/trading` for any state (`reducing`), and `GET /v1/trading` for where
 * trading stands and what halts still await. Each change is journaled by the engine before it
 * takes effect; an unknown symbol is the engine's 422 naming the symbols it knows.
 */
export function tradingRoutes(engine: Engine) {
  /** Puts the state in force (journaled) and answers with it and the scope's pending cancels. */
  const change = async (body: HaltBody, state: TradingState): Promise<TradingChangeAnswer> => {
    const request: TradingStateRequest = { ...body, by: body.by ?? 'http', state };
    const done = await journaledChange(engine, () => engine.setTradingState(request));
    const { awaitingCancel } = engine.tradingStatus();
    const cancelling = awaitingCancel.filter((child) => covers(done, child.symbol)).length;
    return { ...done, cancelling };
  };

  return async (app: FastifyInstance): Promise<void> => {
    app.post<{ Body: HaltBody }>(
      '/v1/halt',
      {
        preValidation: noBodyIsEmpty,
        schema: {
          summary: 'Halts trading, everywhere or for one symbol: every working child is cancelled',
          tags: ['trading'],
          security,
          body: haltBody,
          response: changeResponse,
        },
      },
      async (request) => change(request.body, 'halted'),
    );

    app.post<{ Body: HaltBody }>(
      '/v1/resume',
      {
        preValidation: noBodyIsEmpty,
        schema: {
          summary: 'Lets trading resume (active), everywhere or for one symbol',
          tags: ['trading'],
          security,
          body: haltBody,
          response: changeResponse,
        },
      },
      async (request) => change(request.body, 'active'),
    );

    app.post<{ Body: TradingStateBody }>(
      '/v1/trading',
      {
        schema: {
          summary:
            'Puts a trading state (active, reducing, halted) in force, everywhere or for one symbol',
          tags: ['trading'],
          security,
          body: tradingStateBody,
          response: changeResponse,
        },
      },
      async (request) => {
        const { state, ...rest } = request.body;
        return change(rest, state);
      },
    );

    app.get(
      '/v1/trading',
      {
        schema: {
          summary: 'Where trading stands: the states, and the cancels halts still await',
          tags: ['trading'],
          security,
          response: {
            200: { description: 'The trading states and pending cancels.', $ref: 'TradingStatus#' },
            ...errorResponses('unauthorized'),
          },
        },
      },
      async () => engine.tradingStatus(),
    );
  };
}
