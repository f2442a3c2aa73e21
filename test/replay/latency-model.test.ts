import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../src/feeds/sim/seeded-random.js';
import { LatencyOptionError, parseLatency } from '../../src/replay/latency-model.js';

const UNITS = { us: 1, ms: 1_000, s: 1_000_000 } as const;

describe('replay latency option', () => {
  it('reads a whole count of us, ms or s as fixed microseconds', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.constantFrom('us', 'ms', 's'),
        (count, unit) => {
          const model = parseLatency('entryLatency', `${count}${unit}`, new SeededRandom(1));
          expect(model.draw()).toBe(count * UNITS[unit]);
          expect(model.zero).toBe(count === 0);
          expect(model.name).toBe(`${count}${unit}`);
        },
      ),
    );
    expect(parseLatency('entryLatency', '0', new SeededRandom(1)).zero).toBe(true);
    expect(parseLatency('entryLatency', '1.5ms', new SeededRandom(1)).draw()).toBe(1500);
    // Exact decimal scaling: 1.005 × 1000 in binary floating point is 1004.9999999999999.
    expect(parseLatency('entryLatency', '1.005ms', new SeededRandom(1)).draw()).toBe(1005);
  });

  it('refuses anything else with an error naming the option', () => {
    fc.assert(
      fc.property(
        fc
          .string()
          .filter(
            (text) => !/^(0|\d+(\.\d+)?(us|ms|s))$/.test(text) && !text.startsWith('lognormal:'),
          ),
        (text) => {
          expect(() => parseLatency('decisionLatency', text, new SeededRandom(1))).toThrow(
            new LatencyOptionError(
              `decisionLatency: ${JSON.stringify(text)} is not a latency (0, 50us, 2ms, 1s or lognormal:50us,400us; whole microseconds)`,
            ),
          );
        },
      ),
    );
    for (const bad of ['lognormal:50us', 'lognormal:400us,50us', 'lognormal:0,1ms', '0.5us']) {
      expect(() => parseLatency('responseLatency', bad, new SeededRandom(1))).toThrow(
        /^responseLatency: /,
      );
    }
  });

  it('draws a seeded log-normal: the same seed the same draws, its median and 99th percentile as given', () => {
    const draws = (seed: number) => {
      const model = parseLatency('decisionLatency', 'lognormal:50us,400us', new SeededRandom(seed));
      return Array.from({ length: 20_000 }, () => model.draw());
    };
    const first = draws(3);
    expect(draws(3)).toEqual(first);
    expect(draws(4)).not.toEqual(first);
    const sorted = [...first].sort((a, b) => a - b);
    expect(sorted[10_000]).toBeGreaterThanOrEqual(47);
    expect(sorted[10_000]).toBeLessThanOrEqual(53);
    expect(sorted[19_800]).toBeGreaterThanOrEqual(360);
    expect(sorted[19_800]).toBeLessThanOrEqual(440);
    expect(first.every((us) => Number.isInteger(us) && us >= 0)).toBe(true);
  });
});
