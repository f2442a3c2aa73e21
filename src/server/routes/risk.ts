import type { FastifyInstance } from 'fastify';
import type { Engine } from '../../engine/engine.js';
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

const usageSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['time', 'symbols', 'total', 'limits', 'breaches'],
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
  },
} as const;

/** `GET /v1/risk`: the usage of every exposure limit, per symbol and in total (see Engine.riskUsage). */
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
              description: "Positions, exposure, traded notional, P&L and each limit's usage.",
              ...usageSchema,
            },
            ...errorResponses('unauthorized'),
          },
        },
      },
      async () => riskUsageToJSON(engine.riskUsage()),
    );
  };
}
