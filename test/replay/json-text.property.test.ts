import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lineColumn, parseJsonText } from '../../src/replay/json-text.js';

/** A JSON text, pretty or compact, and a place and a character to break it with. */
const broken = fc.record({
  value: fc.jsonValue(),
  pretty: fc.boolean(),
  at: fc.nat(),
  insert: fc.constantFrom(',', '}', ']', ':', '"', 'x', '{', '[', '\u0001', ''),
  cut: fc.boolean(),
});

describe('parseJsonText (property)', () => {
  it('reads any JSON as JSON.parse does, and places an error where V8 does when V8 says', () => {
    fc.assert(
      fc.property(broken, ({ value, pretty, at, insert, cut }) => {
        const valid = JSON.stringify(value, null, pretty ? 2 : undefined);
        expect(parseJsonText(valid)).toEqual({ ok: true, value: JSON.parse(valid) });
        const i = at % (valid.length + 1);
        const text = cut ? valid.slice(0, i) : valid.slice(0, i) + insert + valid.slice(i);
        let v8: number | undefined;
        try {
          JSON.parse(text);
          return;
        } catch (error) {
          const position = /at position (\d+)/.exec((error as Error).message);
          v8 = position === null ? undefined : Number(position[1]);
        }
        const read = parseJsonText(text);
        expect(read.ok).toBe(false);
        if (read.ok) return;
        if (v8 !== undefined) {
          expect({ line: read.problem.line, column: read.problem.column }).toEqual(
            lineColumn(text, v8),
          );
        }
        if (cut) expect(read.problem.line).toBeLessThanOrEqual(lineColumn(text, text.length).line);
      }),
      { numRuns: 300 },
    );
  });
});
