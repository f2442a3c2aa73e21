import { ParseError } from '../../market/parse-error.js';

/**
 * Reads one JSON object of the venue protocol field by field: each accessor checks a field with
 * one of the market's parsers and names it `path.key` in any error, so a peer is told what to fix.
 * Only own properties count; a JSON `null` reads as an absent optional field.
 */
export class WireReader {
  readonly #fields: Readonly<Record<string, unknown>>;
  readonly #path: string;

  constructor(value: unknown, path: string) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw ParseError.expected(path, 'an object', value);
    }
    this.#fields = value as Readonly<Record<string, unknown>>;
    this.#path = path;
  }

  /** A field that must be present, read by `parse`. */
  required<T>(key: string, parse: (value: unknown, field: string) => T): T {
    return parse(this.#own(key), `${this.#path}.${key}`);
  }

  /** A field that may be absent (or null), read by `parse` when present. */
  optional<T>(key: string, parse: (value: unknown, field: string) => T): T | undefined {
    const value = this.#own(key);
    return value === undefined || value === null ? undefined : parse(value, `${this.#path}.${key}`);
  }

  /** A nested object, to be read with its own reader. */
  object(key: string): WireReader {
    return new WireReader(this.#own(key), `${this.#path}.${key}`);
  }

  /** A list of objects, each read by `parse` under the path `path.key[i]`. */
  list<T>(key: string, parse: (value: unknown, field: string) => T): T[] {
    const value = this.#own(key);
    const field = `${this.#path}.${key}`;
    if (!Array.isArray(value)) throw ParseError.expected(field, 'an array', value);
    return value.map((item, index) => parse(item, `${field}[${index}]`));
  }

  #own(key: string): unknown {
    return Object.hasOwn(this.#fields, key) ? this.#fields[key] : undefined;
  }
}

/** A venue sequence or cursor: a non-negative safe integer. */
export function parseSequence(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw ParseError.expected(field, 'a non-negative integer', value);
  }
  return value;
}

/** A text that may be empty, such as a clOrdId prefix. */
export function parseAnyText(value: unknown, field: string): string {
  if (typeof value !== 'string') throw ParseError.expected(field, 'a string', value);
  return value;
}

/** Drops the undefined fields of an object, so an absent field is absent rather than present. */
export function withoutAbsent<T extends object>(fields: T): T {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as T;
}
