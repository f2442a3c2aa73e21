/** An error the HTTP API answers: its status, and what it means in a line. */
export interface ErrorEntry {
  readonly status: number;
  readonly meaning: string;
}

/**
 * Every error code the HTTP API answers, with its status and meaning: every error response is
 * an HttpError built from a code of this table, which gives its status. README.md lists the same
 * codes (a test holds the two together). The engine's refusals (InstructionErrorCode) and the
 * reasons intake is closed (IntakeClosedReason) are codes here under their own names.
 */
export const ERROR_TABLE = {
  invalid_request: {
    status: 400,
    meaning: 'The request is malformed (body, field, query or header); the message names what.',
  },
  side_changed: { status: 400, meaning: "A replace would change the order's side." },
  symbol_changed: { status: 400, meaning: "A replace would change the order's symbol." },
  unauthorized: { status: 401, meaning: 'The bearer token is missing or wrong.' },
  not_found: { status: 404, meaning: 'No such route.' },
  unknown_order: { status: 404, meaning: 'No order has this ID.' },
  method_not_allowed: {
    status: 405,
    meaning: 'The path does not take this method; `Allow` lists those it takes.',
  },
  duplicate_order_id: { status: 409, meaning: 'An order with this ID already exists.' },
  duplicate_client_order_id: {
    status: 409,
    meaning: 'An order exo knows already has this `clientOrderId`.',
  },
  order_completed: {
    status: 409,
    meaning: 'The order is complete: it takes no replace or cancel.',
  },
  replace_after_cancel: {
    status: 409,
    meaning: 'The order is being cancelled: it takes no replace.',
  },
  cancel_pending: { status: 409, meaning: 'The order is already being cancelled.' },
  trading_halted: {
    status: 409,
    meaning:
      'Trading is halted for the symbol (`scope` `global` or `symbol`, and `symbol`): no new order, and no replace that raises a quantity, until it resumes.',
  },
  trading_reducing: {
    status: 409,
    meaning:
      'Trading is reducing for the symbol (`scope`, `symbol`): only an order on the side opposite the position, for no more than the position less the open orders on that side, is taken.',
  },
  body_too_large: { status: 413, meaning: 'The body is over the limit (16 KiB by default).' },
  uri_too_long: {
    status: 414,
    meaning: 'A path segment (an order ID) is over 128 characters.',
  },
  unsupported_media_type: {
    status: 415,
    meaning: 'The body is of a content type exo does not read: send `application/json`.',
  },
  host_not_allowed: {
    status: 421,
    meaning:
      'The Host header names neither localhost, an IP address nor a name given with `--allowed-hosts`.',
  },
  wrong_shard: {
    status: 421,
    meaning:
      'The symbol belongs to another shard (`exo worker`): `symbol`, `shard` (its shard) and `here` (the shard asked) say where to send it.',
  },
  invalid_instruction: {
    status: 422,
    meaning:
      "An unknown symbol or algorithm, a quantity or limit off the symbol's grid, or parameters the algorithm refuses.",
  },
  risk_limit: {
    status: 422,
    meaning:
      "A risk limit refuses the order: `rule` names the limit (as in the limits file), `limit` its figure, `value` the order's.",
  },
  idempotency_key_reused: {
    status: 422,
    meaning: 'The Idempotency-Key was already used with another request.',
  },
  headers_too_large: {
    status: 431,
    meaning: "The request's headers are over Node's size limit (16 KiB by default).",
  },
  internal: { status: 500, meaning: 'exo failed; its log says why.' },
  recovering: {
    status: 503,
    meaning: 'exo is rebuilding its orders from the journal: retry after `Retry-After`.',
  },
  journal_unavailable: {
    status: 503,
    meaning: 'The journal cannot write: intake stopped until exo restarts.',
  },
  stopped: { status: 503, meaning: 'The engine is stopping.' },
  shard_unavailable: {
    status: 503,
    meaning:
      'exo gateway: the shard (`shard`) has no live owner, or its owner could not be reached or is unavailable: retry after `Retry-After` with the same Idempotency-Key.',
  },
} as const satisfies Readonly<Record<string, ErrorEntry>>;

/** A code the HTTP API answers errors with. */
export type ErrorCode = keyof typeof ERROR_TABLE;
