/**
 * A refusal as Binance words it: an HTTP status (also the WebSocket API's `status`), Binance's
 * error code and message, and, for rate limits, when the client may retry. Thrown by the local
 * Binance's checks and turned into `{code, msg}` (REST) or `{id, status, error}` (WebSocket API).
 */
export class BinanceError extends Error {
  readonly status: number;
  readonly code: number;
  /** When a rate-limited or banned client may try again, milliseconds since the epoch. */
  readonly retryAfter: number | undefined;
  /** Extra detail for the WebSocket API's `error.data` (cancel-replace results, ban times). */
  readonly data: Readonly<Record<string, unknown>> | undefined;

  constructor(
    status: number,
    code: number,
    msg: string,
    extra: { retryAfter?: number; data?: Record<string, unknown> } = {},
  ) {
    super(msg);
    this.name = 'BinanceError';
    this.status = status;
    this.code = code;
    this.retryAfter = extra.retryAfter;
    this.data = extra.data;
  }

  /** The `{code, msg}` body Binance answers with. */
  toJSON(): { code: number; msg: string } {
    return { code: this.code, msg: this.message };
  }
}

/** The legal range Binance names for client order IDs, and the pattern that checks it. */
export const CLIENT_ID_RANGE = '^[a-zA-Z0-9-_]{1,36}$';
const CLIENT_ID = /^[a-zA-Z0-9-_]{1,36}$/;
/** The legal range Binance names for decimal parameters. */
export const DECIMAL_RANGE = '^([0-9]{1,20})(\\.[0-9]{1,20})?$';

/** Binance's refusals, one function per code and message (errors.md). */
export const binanceErrors = {
  unknown: (msg = 'An unknown error occurred while processing the request.') =>
    new BinanceError(500, -1000, msg),
  /** -1007: the request may or may not have been executed. */
  timeout: () =>
    new BinanceError(
      503,
      -1007,
      'Timeout waiting for response from backend server. Send status unknown; execution status unknown.',
    ),
  tooMuchWeight: (limit: number, per: string, retryAfter: number) =>
    new BinanceError(
      429,
      -1003,
      `Too much request weight used; current limit is ${limit} request weight per ${per}. Please use WebSocket Streams for live updates to avoid polling the API.`,
      { retryAfter },
    ),
  banned: (until: number) =>
    new BinanceError(
      418,
      -1003,
      `Way too much request weight used; IP banned until ${until}. Please use WebSocket Streams for live updates to avoid bans.`,
      { retryAfter: until },
    ),
  tooManyOrders: (limit: number, per: string, retryAfter: number) =>
    new BinanceError(
      429,
      -1015,
      `Too many new orders; current limit is ${limit} orders per ${per}.`,
      {
        retryAfter,
      },
    ),
  unsupported: () => new BinanceError(400, -1020, 'This operation is not supported.'),
  outsideRecvWindow: () =>
    new BinanceError(400, -1021, 'Timestamp for this request is outside of the recvWindow.'),
  aheadOfServer: () =>
    new BinanceError(
      400,
      -1021,
      "Timestamp for this request was 1000ms ahead of the server's time.",
    ),
  badSignature: () => new BinanceError(400, -1022, 'Signature for this request is not valid.'),
  illegalChars: (param: string, range: string) =>
    new BinanceError(
      400,
      -1100,
      `Illegal characters found in parameter '${param}'; legal range is '${range}'.`,
    ),
  duplicateParam: () => new BinanceError(400, -1101, 'Duplicate values for a parameter detected.'),
  mandatory: (param: string) =>
    new BinanceError(
      400,
      -1102,
      `Mandatory parameter '${param}' was not sent, was empty/null, or malformed.`,
    ),
  eitherMandatory: (a: string, b: string) =>
    new BinanceError(400, -1102, `Param '${a}' or '${b}' must be sent, but both were empty/null!`),
  unreadParams: (read: number, sent: number) =>
    new BinanceError(
      400,
      -1104,
      `Not all sent parameters were read; read '${read}' parameter(s) but was sent '${sent}'.`,
    ),
  notRequired: (param: string) =>
    new BinanceError(400, -1106, `Parameter '${param}' sent when not required.`),
  badPrecision: () =>
    new BinanceError(400, -1111, 'Precision is over the maximum defined for this asset.'),
  invalidTif: () => new BinanceError(400, -1115, 'Invalid timeInForce.'),
  invalidType: () => new BinanceError(400, -1116, 'Invalid orderType.'),
  invalidSide: () => new BinanceError(400, -1117, 'Invalid side.'),
  invalidRespType: () => new BinanceError(400, -1136, 'Invalid newOrderRespType.'),
  invalidSymbol: () => new BinanceError(400, -1121, 'Invalid symbol.'),
  invalidParam: (param: string) =>
    new BinanceError(400, -1130, `Data sent for parameter '${param}' is not valid.`),
  recvWindowTooLong: () => new BinanceError(400, -1131, 'recvWindow must be less than 60000'),
  filter: (filter: string) => new BinanceError(400, -1013, `Filter failure: ${filter}`),
  orderRejected: (msg: string) => new BinanceError(400, -2010, msg),
  cancelRejected: (msg = 'Unknown order sent.') => new BinanceError(400, -2011, msg),
  noSuchOrder: () => new BinanceError(400, -2013, 'Order does not exist.'),
  clientIdMismatch: () =>
    new BinanceError(400, -2039, 'Client order ID is not correct for this order ID.'),
  badApiKeyFormat: () => new BinanceError(401, -2014, 'API-key format invalid.'),
  rejectedApiKey: () =>
    new BinanceError(401, -2015, 'Invalid API-key, IP, or permissions for action.'),
  cancelReplacePartial: (data: Record<string, unknown>) =>
    new BinanceError(409, -2021, 'Order cancel-replace partially failed.', { data }),
  cancelReplaceFailed: (data: Record<string, unknown>) =>
    new BinanceError(400, -2022, 'Order cancel-replace failed.', { data }),
  amendFailed: (msg: string) => new BinanceError(400, -2038, msg),
} as const;

/** Checks a client order ID against Binance's format, throwing its -1100 when it does not match. */
export function checkClientId(param: string, value: string): string {
  if (!CLIENT_ID.test(value)) throw binanceErrors.illegalChars(param, CLIENT_ID_RANGE);
  return value;
}

/**
 * A thrown value as the answer to send: a BinanceError as it is; anything else (a bug, or the
 * venue closing under a request) is -1000, its stack written to stderr so that it is not lost.
 * Nothing thrown here carries a key or a secret.
 */
export function asBinanceError(error: unknown): BinanceError {
  if (error instanceof BinanceError) return error;
  process.stderr.write(
    `local Binance: unexpected ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  return binanceErrors.unknown();
}
