import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/clock.js';
import { MAX_ORDER_ID_LENGTH, orderIdGenerator } from '../../src/core/order-id.js';
import { childClOrdId, MAX_CHILD_NUMBER } from '../../src/venues/child-id.js';
import { BINANCE_CLIENT_IDS } from '../../src/venues/client-id-format.js';

function draw(next: () => string, count: number): string[] {
  return Array.from({ length: count }, () => next());
}

describe('orderIdGenerator', () => {
  it('two generators started at the same virtual time hand out disjoint IDs', () => {
    const clock = new VirtualClock(1_700_000_000_000);
    const first = draw(orderIdGenerator('exo-', clock.now()), 1_000);
    const second = draw(orderIdGenerator('exo-', clock.now()), 1_000);
    expect(new Set([...first, ...second]).size).toBe(2_000);
  });

  it('IDs use only [a-zA-Z0-9-], stay within the bound, and leave a child clOrdId Binance takes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 36 ** 8 - 1 }),
        fc.constantFrom('', 'exo-', 'desk-1-', 'A'),
        fc.integer({ min: 1, max: 300 }),
        (start, prefix, count) => {
          const ids = draw(orderIdGenerator(prefix, start), count);
          const wellFormed = (id: string): boolean =>
            /^[a-zA-Z0-9-]+$/.test(id) &&
            id.length <= MAX_ORDER_ID_LENGTH &&
            id.startsWith(prefix) &&
            BINANCE_CLIENT_IDS.pattern.test(childClOrdId(id, MAX_CHILD_NUMBER));
          expect(ids.filter((id) => !wellFormed(id))).toEqual([]);
          expect(new Set(ids).size).toBe(count);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('starts a new stem when the counter has used its digits, so no ID grows past the bound', () => {
    const ids = draw(orderIdGenerator('exo-', 1_700_000_000_000, 1), 200);
    expect(new Set(ids).size).toBe(200);
    expect(ids.filter((id) => id.length > MAX_ORDER_ID_LENGTH)).toEqual([]);
    expect(new Set(ids.map((id) => id.slice(0, id.lastIndexOf('-')))).size).toBeGreaterThan(5);
  });

  it('refuses a prefix with characters a venue would reject, or too long to fit the bound', () => {
    expect(() => orderIdGenerator('exo_')).toThrow(RangeError);
    expect(() => orderIdGenerator('exo:')).toThrow(RangeError);
    expect(() => orderIdGenerator('a-very-long-prefix-')).toThrow(/too long/);
  });
});
