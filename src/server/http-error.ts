import { InstructionError } from '../core/errors.js';
import { IntakeClosedError } from '../engine/intake-closed-error.js';
import { ParseError } from '../market/parse-error.js';
import type { TradingScope, TradingState } from '../market/trading-state.js';
import { RiskRefusalError } from '../risk/risk-refusal-error.js';
import { TradingStateError } from '../risk/trading-state-error.js';
import { WrongShardError } from '../shards/wrong-shard-error.js';
import { ERROR_TABLE, type ErrorCode } from './error-table.js';

/**
 * The body of every error response; a risk refusal adds the rule it broke, the limit and the
 * value; a trading-state refusal the scope (and symbol) and the state; a wrong shard the symbol,
 * its shard and the shard asked.
 */
export type ErrorJSON = {
  readonly error: ErrorCode;
  readonly message: string;
} & Partial<RiskFields> &
  Partial<StateFields> &
  Partial<ShardFields>;

/** What a `wrong_shard` error names besides its message. */
interface ShardFields {
  readonly symbol: string;
  readonly shard: number;
  readonly here: number;
}

/** What a `trading_halted` or `trading_reducing` error names besides its message. */
type StateFields = TradingScope & { readonly state: TradingState };

/** What a `risk_limit` error names besides its message. */
interface RiskFields {
  readonly rule: string;
  readonly limit: string;
  readonly value: string;
}

/**
 * An error the client gets: a code of the error table, which gives the HTTP status, and a
 * message naming what is wrong.
 */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  /** The code's status in the error table. */
  readonly statusCode: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Headers the response carries besides the body (`retry-after`, say). */
    readonly headers: Readonly<Record<string, string>> = {},
    /** The rule, limit and value of a risk refusal, carried in the body. */
    readonly risk?: RiskFields,
    /** The scope and state of a trading-state refusal, carried in the body. */
    readonly tradingState?: StateFields,
    /** The symbol and shards of a wrong-shard refusal, carried in the body. */
    readonly wrongShard?: ShardFields,
  ) {
    super(message);
    this.statusCode = ERROR_TABLE[code].status;
  }

  /** The response body. */
  get body(): ErrorJSON {
    return {
      error: this.code,
      message: this.message,
      ...this.risk,
      ...this.tradingState,
      ...this.wrongShard,
    };
  }
}

/** How long a client is told to wait before retrying while the engine recovers. */
const RETRY_AFTER_SECONDS = '1';

/** The HTTP error for an engine or risk refusal or a bad field; anything else is returned unchanged. */
export function toHttpError(error: InstructionError): HttpError;
export function toHttpError(error: unknown): unknown;
export function toHttpError(error: unknown): unknown {
  if (error instanceof InstructionError) return new HttpError(error.code, error.message);
  if (error instanceof ParseError) return new HttpError('invalid_request', error.message);
  if (error instanceof RiskRefusalError) {
    const { rule, limit, value, message } = error.refusal;
    return new HttpError('risk_limit', message, {}, { rule, limit, value });
  }
  if (error instanceof TradingStateError) {
    const { code, message, scope, state } = error;
    return new HttpError(code, message, {}, undefined, { ...scope, state });
  }
  if (error instanceof WrongShardError) {
    const { code, message, symbol, shard, here } = error;
    return new HttpError(code, message, {}, undefined, undefined, { symbol, shard, here });
  }
  if (error instanceof IntakeClosedError) {
    const retry: Record<string, string> =
      error.reason === 'recovering' ? { 'retry-after': RETRY_AFTER_SECONDS } : {};
    return new HttpError(error.reason, error.message, retry);
  }
  return error;
}
