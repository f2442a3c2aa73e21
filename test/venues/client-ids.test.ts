import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_ORDER_ID_LENGTH, orderIdGenerator } from '../../src/core/order-id.js';
import {
  childClOrdId,
  childNumber,
  MAX_CHILD_NUMBER,
  parentIdOf,
} from '../../src/venues/child-id.js';
import {
  BINANCE_CLIENT_IDS,
  clientIdProblem,
  fixClientIds,
} from '../../src/venues/client-id-format.js';

describe('child client IDs', () => {
  it('every child ID of every order ID fits Binance, and gives back its parent and number', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 36 ** 8 - 1 }),
        fc.constantFrom('', 'exo-', 'desk-1-'),
        fc.integer({ min: 1, max: MAX_CHILD_NUMBER }),
        (start, prefix, n) => {
          const parentId = orderIdGenerator(prefix, start)();
          expect(parentId.length).toBeLessThanOrEqual(MAX_ORDER_ID_LENGTH);
          const clOrdId = childClOrdId(parentId, n);
          expect(clientIdProblem(BINANCE_CLIENT_IDS, clOrdId)).toBeUndefined();
          expect(childNumber(parentId, clOrdId)).toBe(n);
          expect(parentIdOf(clOrdId)).toBe(parentId);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('the longest order ID with the last child number is exactly 36 characters', () => {
    const longest = 'x'.repeat(MAX_ORDER_ID_LENGTH);
    expect(childClOrdId(longest, MAX_CHILD_NUMBER)).toHaveLength(36);
    expect(() => childClOrdId(longest, MAX_CHILD_NUMBER + 1)).toThrow(RangeError);
    expect(() => childClOrdId(longest, 0)).toThrow(RangeError);
  });

  it('after decimal child IDs from an older journal, the next ID is none of them', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5_000 }), (sent) => {
        const old = Array.from({ length: sent }, (_, i) => `P-${i + 1}`);
        const highest = Math.max(...old.map((id) => childNumber('P', id)));
        const next = childClOrdId('P', highest + 1);
        expect(old).not.toContain(next);
      }),
      { numRuns: 200 },
    );
  });

  it('reads no number from an ID of another form', () => {
    expect(childNumber('P', 'Q-1')).toBe(0);
    expect(childNumber('P', 'P-')).toBe(0);
    expect(childNumber('P', 'P-A')).toBe(0);
    expect(childNumber('P', 'P-1.5')).toBe(0);
  });
});

describe('client ID formats', () => {
  it("Binance's: 1-36 of [a-zA-Z0-9-_]; a dot, a space or a 37th character is refused", () => {
    expect(clientIdProblem(BINANCE_CLIENT_IDS, 'exo-abc_DEF-1')).toBeUndefined();
    expect(clientIdProblem(BINANCE_CLIENT_IDS, 'a'.repeat(36))).toBeUndefined();
    expect(clientIdProblem(BINANCE_CLIENT_IDS, 'a'.repeat(37))).toMatch(/37 characters/);
    expect(clientIdProblem(BINANCE_CLIENT_IDS, 'exo.1')).toMatch(/does not fit/);
    expect(clientIdProblem(BINANCE_CLIENT_IDS, 'exo 1')).toMatch(/does not fit/);
    expect(clientIdProblem(BINANCE_CLIENT_IDS, '')).toMatch(/does not fit/);
  });

  it("FIX's: non-empty printable ASCII up to the length the counterparty takes", () => {
    const fix = fixClientIds(20);
    expect(clientIdProblem(fix, 'ORD.1/2 #3')).toBeUndefined();
    expect(clientIdProblem(fix, 'a'.repeat(21))).toMatch(/beyond the venue's 20/);
    expect(clientIdProblem(fix, 'a\u0001b')).toMatch(/does not fit/);
    expect(clientIdProblem(fix, 'é')).toMatch(/does not fit/);
    expect(() => fixClientIds(0)).toThrow(RangeError);
  });
});
