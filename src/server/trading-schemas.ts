import { TRADING_STATES } from '../market/trading-state.js';

/** Who may change a trading state over HTTP: every `by` but `auto`, which is exo's own. */
export const HTTP_CHANGED_BY = ['http', 'cli', 'dashboard'] as const;

/** The longest `reason` a trading-state change takes: a sentence, journaled with the change. */
export const MAX_REASON_LENGTH = 500;

const state = { type: 'string', enum: TRADING_STATES } as const;
const scope = {
  type: 'string',
  enum: ['global', 'symbol'],
  description: 'global (every symbol), or the one named by `symbol`',
} as const;

/** What a trading-state change names besides its state: the symbol, who and why. */
const changeRequestProperties = {
  symbol: {
    type: 'string',
    minLength: 1,
    maxLength: 64,
    examples: ['BTC-USD'],
    description: "one of exo's symbols: its own state changes; without it, the global state",
  },
  reason: {
    type: 'string',
    minLength: 1,
    maxLength: MAX_REASON_LENGTH,
    description: 'why, in your words: journaled and announced with the change',
  },
  by: {
    type: 'string',
    enum: HTTP_CHANGED_BY,
    description:
      'who asks, as journaled (default http): the exo CLI sends cli, the dashboard dashboard',
  },
} as const;

/** The optional body of `POST /v1/halt` and `POST /v1/resume`. */
export const haltBody = {
  type: 'object',
  description: 'Optional: no body (or {}) halts or resumes every symbol.',
  additionalProperties: false,
  properties: changeRequestProperties,
} as const;

/** The body of `POST /v1/trading`: a state for every symbol, or for one. */
export const tradingStateBody = {
  type: 'object',
  additionalProperties: false,
  required: ['state'],
  properties: { ...changeRequestProperties, state },
} as const;

/** A change of trading state now in force, and the children it leaves being cancelled. */
export const tradingStateChangeSchema = {
  $id: 'TradingStateChange',
  type: 'object',
  properties: {
    scope,
    symbol: { type: 'string', description: 'with scope `symbol`: the symbol' },
    state,
    by: { type: 'string', enum: [...HTTP_CHANGED_BY, 'auto'] },
    reason: { type: 'string' },
    time: { type: 'number', description: 'when it took effect (ms since the epoch)' },
    cancelling: {
      type: 'integer',
      description:
        "working children of the scope being cancelled, whose end the venue has not reported yet (GET /v1/trading's awaitingCancel)",
    },
  },
  required: ['scope', 'state', 'by', 'time', 'cancelling'],
} as const;

/** Where trading stands: the global state, each symbol's, and the cancels halts await. */
export const tradingStatusSchema = {
  $id: 'TradingStatus',
  type: 'object',
  properties: {
    global: state,
    symbols: {
      type: 'object',
      description:
        "each symbol's own state, and the one it trades under (the stricter of it and global)",
      additionalProperties: {
        type: 'object',
        properties: { own: state, effective: state },
        required: ['own', 'effective'],
      },
    },
    awaitingCancel: {
      type: 'array',
      description:
        'the children halts cancelled whose end the venue has not reported, oldest first',
      items: {
        type: 'object',
        properties: {
          clOrdId: { type: 'string' },
          parentId: { type: 'string' },
          symbol: { type: 'string' },
          since: { type: 'number', description: 'when the halt sent its cancel' },
        },
        required: ['clOrdId', 'parentId', 'symbol', 'since'],
      },
    },
    confirmedAt: {
      type: 'number',
      description:
        'when the venue had ended every child of the latest halt; absent while some await, or before any halt',
    },
  },
  required: ['global', 'symbols', 'awaitingCancel'],
} as const;
