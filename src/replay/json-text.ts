import { extended } from '../market/extended.js';
/** Where a JSON text went wrong: 1-based line and column, and why. */
export interface JsonSyntaxProblem {
  readonly line: number;
  readonly column: number;
  readonly reason: string;
}

/** The outcome of parsing JSON text: its value, or where and why it is not JSON. */
export type JsonText =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly problem: JsonSyntaxProblem };

/**
 * Parses JSON text; when it is not JSON, finds the first offending character by scanning the text
 * itself (V8's messages give an offset for some errors only, and quote the text for others).
 */
export function parseJsonText(text: string): JsonText {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    const { offset, reason } = syntaxProblem(text);
    return { ok: false, problem: extended(lineColumn(text, offset), { reason }) };
  }
}

/** The 1-based line and column of a character offset in a text. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

class Problem {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {}
}

const DIGITS = /\d+/y;
// biome-ignore lint/suspicious/noControlCharactersInRegex: JSON strings may not hold control characters.
const STRING_PART = /[^"\\\u0000-\u001f]*/y;
const LITERALS: Readonly<Record<string, string>> = { t: 'true', f: 'false', n: 'null' };

/** The offset and reason of the first syntax error in a text JSON.parse refused. */
function syntaxProblem(text: string): Problem {
  let at = 0;
  const space = (): void => {
    while (at < text.length && ' \t\n\r'.includes(text[at]!)) at++;
  };
  const fail = (expected: string): never => {
    const found = at >= text.length ? 'the end of the text' : JSON.stringify(text[at]);
    throw new Problem(at, `expected ${expected}, found ${found}`);
  };
  const match = (pattern: RegExp): boolean => {
    pattern.lastIndex = at;
    if (!pattern.test(text)) return false;
    at = pattern.lastIndex;
    return true;
  };
  /** An escape, failing where V8 does: at the character after the backslash, or a bad hex digit. */
  const escaped = (): void => {
    at++;
    const c = text[at];
    at++;
    if (c !== undefined && '"\\/bfnrt'.includes(c)) return;
    if (c !== 'u') {
      at--;
      fail('an escape such as \\n or \\u0041');
    }
    for (let digit = 0; digit < 4; digit++, at++) {
      if (!/[0-9a-fA-F]/.test(text[at] ?? '')) fail('a hex digit');
    }
  };
  const string = (): void => {
    if (text[at] !== '"') fail('a string');
    at++;
    for (;;) {
      match(STRING_PART);
      if (text[at] === '"') break;
      if (text[at] !== '\\') fail('more of the string, or its closing "');
      escaped();
    }
    at++;
  };
  const list = (close: string, item: () => void): void => {
    at++;
    space();
    if (text[at] === close) return void at++;
    for (;;) {
      item();
      space();
      if (text[at] === close) return void at++;
      if (text[at] !== ',') fail(`, or ${close}`);
      at++;
      space();
    }
  };
  /** A number, failing where V8 does: at the first character that cannot continue it. */
  const number = (): void => {
    if (text[at] === '-') at++;
    if (text[at] === '0') at++;
    else if (!match(DIGITS)) fail('a digit');
    if (text[at] === '.') {
      at++;
      if (!match(DIGITS)) fail('a digit');
    }
    if (text[at] === 'e' || text[at] === 'E') {
      at++;
      if (text[at] === '+' || text[at] === '-') at++;
      if (!match(DIGITS)) fail('a digit');
    }
  };
  const literal = (word: string): void => {
    for (const letter of word) {
      if (text[at] !== letter) fail(word);
      at++;
    }
  };
  const value = (): void => {
    space();
    const c = text[at];
    if (c === '{') {
      list('}', () => {
        string();
        space();
        if (text[at] !== ':') fail(':');
        at++;
        value();
      });
    } else if (c === '[') list(']', value);
    else if (c === '"') string();
    else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) number();
    else if (c !== undefined && Object.hasOwn(LITERALS, c)) literal(LITERALS[c]!);
    else fail('a JSON value');
  };
  try {
    value();
    space();
    if (at < text.length) fail('the end of the text');
    return new Problem(text.length, 'not JSON');
  } catch (error) {
    if (error instanceof Problem) return error;
    throw error;
  }
}
