import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_TABLE, type ErrorCode } from '../../src/server/error-table.js';
import { HttpError } from '../../src/server/http-error.js';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const HEADING = '#### HTTP errors';

/** The rows of README.md's list of HTTP errors: from its heading to the next heading. */
function readmeRows(): string[] {
  const lines = README.split('\n');
  const start = lines.indexOf(HEADING);
  expect(start, `README.md has a "${HEADING}" section`).toBeGreaterThanOrEqual(0);
  const end = lines.findIndex((line, at) => at > start && line.startsWith('#'));
  return lines.slice(start + 1, end).filter((line) => line.startsWith('| `'));
}

const codes = Object.keys(ERROR_TABLE) as ErrorCode[];

describe('the error table', () => {
  it('gives every code one HTTP error status, which an HttpError of that code answers', () => {
    for (const code of codes) {
      const { status } = ERROR_TABLE[code];
      expect(Number.isInteger(status) && status >= 400 && status <= 599, code).toBe(true);
      expect(new HttpError(code, 'why').statusCode).toBe(status);
    }
  });

  it('is listed in README.md: each code on exactly one line, with its status and meaning, and no other code', () => {
    const rows = readmeRows();
    const listed = rows.map((row) => /^\| `([^`]+)`/.exec(row)![1]);
    for (const code of codes)
      expect(
        listed.filter((c) => c === code),
        code,
      ).toHaveLength(1);
    expect(listed.filter((code) => !(code! in ERROR_TABLE))).toEqual([]);
    const expected = codes.map((code) => {
      const { status, meaning } = ERROR_TABLE[code];
      return `| \`${code}\` | ${status} | ${meaning} |`;
    });
    expect(rows).toEqual(expected);
  });
});
