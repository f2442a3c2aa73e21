import { ParseError } from './parse-error.js';

/**
 * Reads one JSON object field by field: each accessor checks a field with one of the market's
 * parsers and names it `path.key` in any error, so whoever sent it is told what to fix.
 * Only own properties count, and a JSON `null` reads as an absent optional field.
 */
export class FieldReader {
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
  object(key: string): FieldReader {
    return new FieldReader(this.#own(key), `${this.#path}.${key}`);
  }

  /** A list, each item read by `parse` under the path `path.key[i]`. */
  list<T>(key: string, parse: (value: unknown, field: string) => T): T[] {
    const value = this.#own(key);
    const field = `${this.#path}.${key}`;
    if (!Array.isArray(value)) throw ParseError.expected(field, 'an array', value);
    return value.map((item, index) => parse(item, `${field}[${index}]`));
  }

  /** An error about one field, for rules that involve more than that field alone. */
  error(key: string, problem: string): ParseError {
    return new ParseError(`${this.#path}.${key}`, problem);
  }

  #own(key: string): unknown {
    return Object.hasOwn(this.#fields, key) ? this.#fields[key] : undefined;
  }
}

/** Drops the undefined fields of an object, so an absent field is absent rather than present. */
export function withoutAbsent<T extends object>(fields: T): T {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as T;
}
