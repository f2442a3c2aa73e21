import type { FastifyInstance } from 'fastify';
import type { Engine } from '../../engine/engine.js';
import { riskActivityToJSON } from '../../risk/risk-activity.js';
import { riskUsageToJSON } from '../../risk/risk-usage.js';
import { errorResponses } from '../schemas.js';

const security = [{ bearer: [] }];

/** A decimal as a string; null when it cannot be priced (an open parent without a limit, no mark). */
const figure = { type: ['string', 'null'] } as const;

const standing = {
  type: 'object',
  additionalProperties: false,
  required: ['exposure', 'dailyTraded', 'dailyPnl'],
  properties: {
    symbol: { type: 'string' },
    position: {
      type: 'string',
      description: 'Net position from fills: positive long, negative short.',
    },
    mark: {
      type: 'string',
      description: 'The price the position is valued at (mid, last trade, or its average cost).',
    },
    exposure: {
      ...figure,
      description:
        'Worst-case exposure: the position at the mark plus every open parent on the larger side.',
    },
    dailyTraded: { type: 'string', description: "Notional traded by the UTC day's fills." },
    dailyPnl: {
      type: 'string',
      description: "The UTC day's realised P&L plus the position marked to market.",
    },
  },
} as const;

const breach = {
  type: 'object',
  additionalProperties: false,
  required: ['rule', 'limit', 'value', 'time'],
  properties: {
    rule: { type: 'string', enum: ['maxDailyLoss', 'maxDailyLoss.total'] },
    symbol: { type: 'string' },
    limit: { type: 'string' },
    value: { type: 'string', description: 'The loss when the limit was found broken.' },
    time: { type: 'integer', description: 'When, in ms since the epoch.' },
  },
} as const;

/** Counts by rule since exo started. */
const countsByRule = {
  type: 'object',
  additionalProperties: { type: 'integer', minimum: 1 },
} as const;

const rate = {
  type: 'object',
  additionalProperties: false,
  required: ['rule', 'value', 'limit'],
  properties: {
    rule: {
      type: 'string',
      enum: [
        'childRatePerSecond',
        'childRateHardCap',
        'venueChildRatePerSecond',
        'venueChildRateHardCap',
      ],
    },
    symbol: { type: 'string', description: "A symbol's rate; absent for the venue's." },
    value: {
      type: 'integer',
      description:
        'The throttle: child requests sent in the last second or waiting to be sent, up to its limit (the delays count the rest); the hard cap: those accepted in the last second.',
    },
    limit: { type: 'integer' },
  },
} as const;

const usageSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['time', 'symbols', 'total', 'limits', 'breaches', 'rates', 'refusals', 'delays'],
  properties: {
    time: { type: 'integer' },
    symbols: {
      type: 'array',
      items: { ...standing, required: ['symbol', 'position', ...standing.required] },
    },
    total: standing,
    limits: {
      type: 'array',
      description:
        'Each exposure rule per symbol, then the totals: the figure its intake check compares, and its limit when set.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['rule', 'value'],
        properties: {
          rule: {
            type: 'string',
            enum: [
              'maxLongPosition',
              'maxShortPosition',
              'maxExposureNotional',
              'maxDailyTradedNotional',
              'maxDailyLoss',
              'maxExposureNotional.total',
              'maxDailyTradedNotional.total',
              'maxDailyLoss.total',
            ],
          },
          symbol: { type: 'string' },
          value: figure,
          limit: { type: 'string' },
          breached: {
            type: 'boolean',
            description: 'A daily loss breach holds: only reducing orders pass.',
          },
        },
      },
    },
    breaches: { type: 'array', items: breach },
    rates: {
      type: 'array',
      description:
        "Each child rate rule set: the venue's, then each symbol's that has had a child since the limits were put in force.",
      items: rate,
    },
    refusals: {
      ...countsByRule,
      description: 'Requests the risk checks refused since exo started, by rule (as in /metrics).',
    },
    delays: {
      ...countsByRule,
      description: 'Child requests the throttle delayed since exo started, by rule.',
    },
  },
} as const;

/**
 * `GET /v1/risk`: the usage of every exposure limit, per symbol and in total (see Engine.riskUsage),
 * each child rate's usage, and the refusals and delays by rule (see Engine.riskActivity).
 */
export function riskRoutes(engine: Engine) {
  return async (app: FastifyInstance): Promise<void> => {
    app.get(
      '/v1/risk',
      {
        schema: {
          summary: 'Where exo stands against its exposure limits',
          tags: ['risk'],
          security,
          response: {
            200: {
              description:
                "Positions, exposure, traded notional, P&L, each limit's and rate's usage, refusals and delays by rule.",
              ...usageSchema,
            },
            ...errorResponses('unauthorized'),
          },
        },
      },
      async () => ({
        ...riskUsageToJSON(engine.riskUsage()),
        ...riskActivityToJSON(engine.riskActivity()),
      }),
    );
  };
}
