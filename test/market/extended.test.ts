import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extended } from '../../src/market/extended.js';

const record = fc.dictionary(
  fc.string({ minLength: 1, maxLength: 4 }).filter((key) => key !== '__proto__'),
  fc.oneof(fc.integer(), fc.string(), fc.constant(undefined)),
);

describe('extended', () => {
  it('holds what the spread holds, keys in the same order', () => {
    fc.assert(
      fc.property(record, record, (base, extra) => {
        const made = extended(base, extra);
        const spread = { ...base, ...extra };
        expect(made).toEqual(spread);
        expect(Object.keys(made)).toEqual(Object.keys(spread));
      }),
    );
  });

  it('makes a new object and leaves its arguments as they were', () => {
    const base = Object.freeze({ a: 1, b: 2 });
    const extra = { b: 3 };
    const made = extended(base, extra);
    expect(made).toEqual({ a: 1, b: 3 });
    expect(made).not.toBe(base);
    expect(base).toEqual({ a: 1, b: 2 });
    expect(Object.isFrozen(made)).toBe(false);
  });
});
