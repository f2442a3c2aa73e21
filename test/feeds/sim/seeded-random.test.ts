import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SeededRandom, streamSeed } from '../../../src/feeds/sim/seeded-random.js';

function draw(random: SeededRandom, n: number): number[] {
  return Array.from({ length: n }, () => random.next());
}

describe('SeededRandom', () => {
  it('gives the same sequence for the same seed and another for another seed', () => {
    expect(draw(new SeededRandom(42), 50)).toEqual(draw(new SeededRandom(42), 50));
    expect(draw(new SeededRandom(42), 50)).not.toEqual(draw(new SeededRandom(43), 50));
  });

  it('stays in [0, 1) and whole numbers stay within their bounds', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.integer({ min: -1000, max: 1000 }),
        fc.integer({ min: 0, max: 1000 }),
        (seed, min, width) => {
          const random = new SeededRandom(seed);
          for (let i = 0; i < 100; i++) {
            const x = random.next();
            expect(x).toBeGreaterThanOrEqual(0);
            expect(x).toBeLessThan(1);
            const n = random.integer(min, min + width);
            expect(Number.isInteger(n)).toBe(true);
            expect(n).toBeGreaterThanOrEqual(min);
            expect(n).toBeLessThanOrEqual(min + width);
          }
        },
      ),
    );
  });

  it('draws exponential waits with the mean asked for', () => {
    const random = new SeededRandom(5);
    let total = 0;
    for (let i = 0; i < 20_000; i++) total += random.exponential(10);
    expect(total / 20_000).toBeGreaterThan(9.5);
    expect(total / 20_000).toBeLessThan(10.5);
  });

  it('derives a different stream for each name under one seed', () => {
    expect(streamSeed(1, 'BTC-USD')).toBe(streamSeed(1, 'BTC-USD'));
    expect(streamSeed(1, 'BTC-USD')).not.toBe(streamSeed(1, 'ETH-USD'));
    expect(streamSeed(1, 'BTC-USD')).not.toBe(streamSeed(2, 'BTC-USD'));
  });
});
