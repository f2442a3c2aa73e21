import { type Decimal, decimal } from '../../market/decimal.js';
import { binanceErrors, checkClientId, DECIMAL_RANGE } from './binance-error.js';

const DECIMAL = /^([0-9]{1,20})(\.[0-9]{1,20})?$/;
const INTEGER = /^[0-9]{1,19}$/;
/** The most decimals an amount may have (base and quote assets' precision here). */
const MAX_DECIMALS = 8;

/**
 * A request's parameters as text, read by name with Binance's checks and errors: a missing one is
 * -1102, a malformed decimal or client ID -1100, too many decimals -1111. Remembers what was read,
 * so that `done` can refuse a parameter the endpoint does not take (-1104), as Binance does.
 */
export class RequestParams {
  readonly #params: ReadonlyMap<string, string>;
  readonly #read = new Set<string>();

  constructor(params: ReadonlyMap<string, string>) {
    this.#params = params;
  }

  /** Whether the parameter was sent (and not empty). */
  has(name: string): boolean {
    const value = this.#params.get(name);
    return value !== undefined && value !== '';
  }

  /** The parameter's text, or undefined when it was not sent. */
  optional(name: string): string | undefined {
    this.#read.add(name);
    const value = this.#params.get(name);
    return value === '' ? undefined : value;
  }

  /** The parameter's text; -1102 when missing. */
  text(name: string): string {
    const value = this.optional(name);
    if (value === undefined) throw binanceErrors.mandatory(name);
    return value;
  }

  /** A decimal amount; -1100 when malformed, -1111 beyond eight decimals. */
  decimal(name: string): Decimal {
    return parseAmount(name, this.text(name));
  }

  /** An optional decimal amount. */
  optionalDecimal(name: string): Decimal | undefined {
    const text = this.optional(name);
    return text === undefined ? undefined : parseAmount(name, text);
  }

  /** An optional whole number (order and trade IDs). */
  optionalInteger(name: string): number | undefined {
    const text = this.optional(name);
    if (text === undefined) return undefined;
    if (!INTEGER.test(text)) throw binanceErrors.illegalChars(name, '^[0-9]{1,19}$');
    const value = Number(text);
    if (!Number.isSafeInteger(value)) throw binanceErrors.invalidParam(name);
    return value;
  }

  /** An optional client order ID, checked against Binance's format (-1100). */
  optionalClientId(name: string): string | undefined {
    const text = this.optional(name);
    return text === undefined ? undefined : checkClientId(name, text);
  }

  /** One of `values`, or `error` (Binance's error for that enum) when it is not. */
  oneOf<T extends string>(name: string, values: readonly T[], error: () => Error): T {
    const text = this.text(name);
    if (!(values as readonly string[]).includes(text)) throw error();
    return text as T;
  }

  /** Marks names as read by someone else (the signature check reads these). */
  consume(...names: string[]): void {
    for (const name of names) this.#read.add(name);
  }

  /** Refuses parameters nobody read: -1104, as Binance answers an unexpected one. */
  done(): void {
    const sent = this.#params.size;
    let read = 0;
    for (const name of this.#params.keys()) if (this.#read.has(name)) read++;
    if (read < sent) throw binanceErrors.unreadParams(read, sent);
  }
}

/** A positive or zero decimal amount from its text, with Binance's format and precision checks. */
export function parseAmount(name: string, text: string): Decimal {
  const match = DECIMAL.exec(text);
  if (match === null) throw binanceErrors.illegalChars(name, DECIMAL_RANGE);
  const fraction = (match[2] ?? '.').slice(1).replace(/0+$/, '');
  if (fraction.length > MAX_DECIMALS) throw binanceErrors.badPrecision();
  return decimal(text);
}
