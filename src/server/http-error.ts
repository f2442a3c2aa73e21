import type { InstructionErrorCode } from '../core/errors.js';
import { InstructionError } from '../core/errors.js';
import { IntakeClosedError } from '../engine/intake-closed-error.js';
import { ParseError } from '../market/parse-error.js';

/** An error with the HTTP status and machine-readable code the client gets, and a message naming what is wrong. */
export class HttpError extends Error {
  override readonly name = 'HttpError';

  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    /** Headers the response carries besides the body (`retry-after`, say). */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

/** The body of every error response. */
export interface ErrorJSON {
  readonly error: string;
  readonly message: string;
}

/** How long a client is told to wait before retrying while the engine recovers. */
const RETRY_AFTER_SECONDS = '1';

/** How each refusal of the dispatcher reads over HTTP. */
const STATUS_OF: Readonly<Record<InstructionErrorCode, number>> = {
  duplicate_order_id: 409,
  unknown_order: 404,
  order_completed: 409,
  side_changed: 400,
  symbol_changed: 400,
  replace_after_cancel: 409,
  cancel_pending: 409,
  invalid_instruction: 422,
  stopped: 503,
};

/** The HTTP error for an engine refusal or a bad field; anything else is returned unchanged. */
export function toHttpError(error: unknown): unknown {
  if (error instanceof InstructionError) {
    return new HttpError(STATUS_OF[error.code], error.code, error.message);
  }
  if (error instanceof ParseError) return new HttpError(400, 'invalid_request', error.message);
  if (error instanceof IntakeClosedError) {
    const retry: Record<string, string> =
      error.reason === 'recovering' ? { 'retry-after': RETRY_AFTER_SECONDS } : {};
    return new HttpError(503, error.reason, error.message, retry);
  }
  return error;
}
