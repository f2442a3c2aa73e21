import { InstructionError } from '../core/errors.js';
import { IntakeClosedError } from '../engine/intake-closed-error.js';
import { ParseError } from '../market/parse-error.js';
import { ERROR_TABLE, type ErrorCode } from './error-table.js';

/** The body of every error response. */
export type ErrorJSON = { readonly error: ErrorCode; readonly message: string };

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
  ) {
    super(message);
    this.statusCode = ERROR_TABLE[code].status;
  }

  /** The response body. */
  get body(): ErrorJSON {
    return { error: this.code, message: this.message };
  }
}

/** How long a client is told to wait before retrying while the engine recovers. */
const RETRY_AFTER_SECONDS = '1';

/** The HTTP error for an engine refusal or a bad field; anything else is returned unchanged. */
export function toHttpError(error: InstructionError): HttpError;
export function toHttpError(error: unknown): unknown;
export function toHttpError(error: unknown): unknown {
  if (error instanceof InstructionError) return new HttpError(error.code, error.message);
  if (error instanceof ParseError) return new HttpError('invalid_request', error.message);
  if (error instanceof IntakeClosedError) {
    const retry: Record<string, string> =
      error.reason === 'recovering' ? { 'retry-after': RETRY_AFTER_SECONDS } : {};
    return new HttpError(error.reason, error.message, retry);
  }
  return error;
}
