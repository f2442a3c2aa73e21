/**
 * The client order IDs a venue accepts: checked when exo builds a child (or names a renamed one),
 * so that an ID a venue would refuse never leaves and the order says why instead.
 */
export interface ClientIdFormat {
  /** What is accepted, for messages: `1-36 of [a-zA-Z0-9-_]`. */
  readonly description: string;
  /** An anchored pattern every accepted ID matches. */
  readonly pattern: RegExp;
  readonly maxLength: number;
}

/** Binance spot's `newClientOrderId`: 1-36 of `[a-zA-Z0-9-_]` (a dot gets -1100). */
export const BINANCE_CLIENT_IDS: ClientIdFormat = {
  description: '1-36 of [a-zA-Z0-9-_]',
  pattern: /^[a-zA-Z0-9_-]{1,36}$/,
  maxLength: 36,
};

/**
 * FIX ClOrdID (tag 11): any non-empty printable ASCII string, up to what the counterparty takes
 * (20 is a safe default).
 */
export function fixClientIds(maxLength = 20): ClientIdFormat {
  if (!Number.isSafeInteger(maxLength) || maxLength < 1) {
    throw new RangeError(`maxLength must be a positive integer, got ${maxLength}`);
  }
  return {
    description: `1-${maxLength} printable ASCII characters`,
    pattern: new RegExp(`^[\\x20-\\x7e]{1,${maxLength}}$`),
    maxLength,
  };
}

/** Why `clOrdId` does not fit `format`, or undefined when it does. */
export function clientIdProblem(format: ClientIdFormat, clOrdId: string): string | undefined {
  if (clOrdId.length > format.maxLength) {
    return `client ID ${JSON.stringify(clOrdId)} is ${clOrdId.length} characters, beyond the venue's ${format.maxLength}`;
  }
  if (!format.pattern.test(clOrdId)) {
    return `client ID ${JSON.stringify(clOrdId)} does not fit the venue's format (${format.description})`;
  }
  return undefined;
}

/**
 * A child ID exo cannot send: it does not fit the venue's format, or the parent has used every
 * child number. Thrown when the child is built, before anything is journaled or sent.
 */
export class ClientIdError extends Error {
  override readonly name = 'ClientIdError';
}

/** What a venue says about client order IDs (see Venue.clientIds). */
export interface ClientIdRules {
  /** The IDs it accepts; exo checks each child's before sending it. */
  readonly format: ClientIdFormat;
  /**
   * True when a replace may give the working order a new client ID (Binance
   * `order.cancelReplace`, whose keep-priority amend keeps it): exo then offers one with every
   * replace (`newClOrdId`), and the venue reports under whichever ID names the order. 'always'
   * when every replace does (FIX G): the answer to a pending replace then names its new ID, and a
   * `replaced` report under the ID already current tells of an earlier replace (a late or
   * repeated report), never of the pending one. False or absent: replaces amend in place.
   */
  readonly renamesOnReplace?: boolean | 'always';
}
