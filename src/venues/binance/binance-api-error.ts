/**
 * A Binance request that failed: its HTTP (or WebSocket API) status, Binance's code and message
 * (-1 when none came), and for 429/418 how long to wait (`retryAfterMs`). Never quotes a secret.
 */
export class BinanceApiError extends Error {
  readonly status: number;
  readonly code: number;
  readonly retryAfterMs: number | undefined;

  constructor(status: number, code: number, msg: string, retryAfterMs?: number) {
    super(`Binance ${code}: ${msg}`);
    this.name = 'BinanceApiError';
    this.status = status;
    this.code = code;
    this.retryAfterMs = retryAfterMs;
  }

  /** Binance's message alone. */
  get msg(): string {
    return this.message.slice(this.message.indexOf(': ') + 2);
  }
}

/** A request whose answer never came in time, or whose connection dropped before it did. */
export class BinanceNoAnswerError extends Error {
  constructor(what: string) {
    super(what);
    this.name = 'BinanceNoAnswerError';
  }
}

/** A request that never left: no connection was up. It may be refused as such, never `unknown`. */
export class BinanceNotSentError extends Error {
  constructor(what: string) {
    super(what);
    this.name = 'BinanceNotSentError';
  }
}

/** Binance's "send status unknown; execution status unknown". */
const TIMEOUT_CODE = -1007;
/** The timestamp is outside recvWindow or ahead of the server's clock. */
export const TIMESTAMP_CODE = -1021;
/** The order (or client ID) is not known: may be a new order not yet in the database. */
export const UNKNOWN_ORDER_CODE = -2013;

/**
 * Whether a failed order request may nonetheless have reached the book: no answer, -1007, or a
 * 5xx. Such a request is reported `unknown` and never sent again.
 */
export function outcomeUnknown(error: unknown): boolean {
  if (error instanceof BinanceNoAnswerError) return true;
  return error instanceof BinanceApiError && (error.code === TIMEOUT_CODE || error.status >= 500);
}

/** A readable one-line account of any error. */
export function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
