/** Where a JSON text went wrong: 1-based line and column, and the parser's reason. */
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
 * Parses JSON text, locating a syntax error by line and column. V8 gives the character offset
 * (`at position N`), or none when the text ends early, which is then the end of the text.
 */
export function parseJsonText(text: string): JsonText {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /at position (\d+)/.exec(message);
    const offset = position === null ? text.length : Number(position[1]);
    const reason = message.replace(/\s*in JSON at position \d+.*$/, '').split('\n')[0]!;
    return { ok: false, problem: { ...lineColumn(text, offset), reason } };
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
