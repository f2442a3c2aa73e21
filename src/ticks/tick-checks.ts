import { TickFileError } from './tick-file-error.js';

/** A decimal as a venue may write it (big.js's syntax): `65000.10`, `-0.5`, `.5`, `1e-8`. */
const DECIMAL = /^-?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;
/** The longest symbol name a recording takes. */
const MAX_SYMBOL = 64;

/**
 * The checks every event of a recording passes, read or written, in order: receive times never go
 * backwards, decimals are numbers, symbols are names. Each failure is a TickFileError naming the
 * file, the event's index (from 0, over the whole file) and the field.
 */
export class TickChecks {
  /** The index of the event being checked. */
  index = 0;
  #lastRecvUs = Number.NEGATIVE_INFINITY;

  constructor(readonly file: string) {}

  /** The receive time of the event at `index`; refused when not an integer or before the last. */
  time(recvUs: unknown): number {
    if (!Number.isSafeInteger(recvUs) || (recvUs as number) < 0) {
      this.fail('recvUs', `expected integer microseconds, got ${JSON.stringify(recvUs)}`);
    }
    const time = recvUs as number;
    if (time < this.#lastRecvUs) {
      throw new TickFileError(
        this.file,
        'time-backwards',
        `event ${this.index}`,
        `time goes backwards: recvUs ${time} after ${this.#lastRecvUs}`,
        'recvUs',
      );
    }
    this.#lastRecvUs = time;
    return time;
  }

  /** Other integer microseconds (venue time, a gap's bounds). */
  micros(field: string, value: unknown): number {
    if (!Number.isSafeInteger(value) || (value as number) < 0) {
      this.fail(field, `expected integer microseconds, got ${JSON.stringify(value)}`);
    }
    return value as number;
  }

  /** A decimal as written; refused when it is not a number. */
  decimal(field: string, value: unknown): string {
    if (typeof value !== 'string' || !(isPlainDecimal(value) || DECIMAL.test(value))) {
      this.fail(field, `expected a decimal string, got ${JSON.stringify(value)}`);
    }
    return value;
  }

  /** A symbol's name; refused when empty, too long or not a string. */
  symbol(field: string, value: unknown): string {
    if (typeof value !== 'string' || value.length === 0 || value.length > MAX_SYMBOL) {
      this.fail(field, `expected a symbol name, got ${JSON.stringify(value)}`);
    }
    return value;
  }

  /** Throws the TickFileError for a bad field of the current event. */
  fail(field: string, problem: string): never {
    throw new TickFileError(
      this.file,
      'bad-field',
      `event ${this.index}`,
      `${field}: ${problem}`,
      field,
    );
  }
}

/**
 * Whether `text` is a plain decimal (`-65000.10`, digits with at most one point between digits):
 * what venues send, checked without a regular expression because replay reads millions of them.
 */
function isPlainDecimal(text: string): boolean {
  const n = text.length;
  let i = n > 0 && text.charCodeAt(0) === 45 ? 1 : 0;
  if (i === n) return false;
  let point = false;
  for (let start = i; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) {
      if (point || i === start || i === n - 1) return false;
      point = true;
    } else if (c < 48 || c > 57) return false;
  }
  return true;
}
