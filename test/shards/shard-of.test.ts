import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_SHARDS,
  parseShards,
  shardOf,
  shardOfOrderId,
  shardPrefix,
} from '../../src/shards/shard-of.js';

describe('shardOf', () => {
  it('is FNV-1a over UTF-8, so other languages agree (known vectors)', () => {
    // FNV-1a 32 of "a" is 0xe40c292c, of "foobar" 0xbf9cf968.
    expect(shardOf('a', 36)).toBe(0xe40c292c % 36);
    expect(shardOf('foobar', 16)).toBe(0xbf9cf968 % 16);
  });

  it('is in range and the same every time', () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 1, max: MAX_SHARDS }), (symbol, count) => {
        const shard = shardOf(symbol, count);
        expect(shard).toBeGreaterThanOrEqual(0);
        expect(shard).toBeLessThan(count);
        expect(shardOf(symbol, count)).toBe(shard);
      }),
    );
  });

  it('spreads symbols over the shards', () => {
    const counts = new Array<number>(16).fill(0);
    for (let i = 0; i < 1600; i++) counts[shardOf(`SYM${i}`, 16)]! += 1;
    expect(Math.min(...counts)).toBeGreaterThan(50);
  });

  it('refuses a shard count out of range', () => {
    expect(() => shardOf('A', 0)).toThrow(RangeError);
    expect(() => shardOf('A', MAX_SHARDS + 1)).toThrow(/1 to 36/);
  });
});

describe('shard prefixes', () => {
  it('round-trip through shardOfOrderId for every shard', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_SHARDS }), fc.nat(), (count, n) => {
        const shard = n % count;
        const id = `${shardPrefix(shard, count)}mabc123-0000000-1`;
        expect(shardOfOrderId(id, count)).toBe(shard);
      }),
    );
  });

  it('keep exo- for one shard, and name none for foreign IDs', () => {
    expect(shardPrefix(0, 1)).toBe('exo-');
    expect(shardOfOrderId('exo-x-1', 1)).toBe(0);
    expect(shardOfOrderId('abc', 16)).toBeUndefined();
    expect(shardOfOrderId('exoz-1', 16)).toBeUndefined();
    expect(() => shardPrefix(16, 16)).toThrow(/0–15/);
  });
});

describe('parseShards', () => {
  it('reads all, lists and ranges', () => {
    expect(parseShards('all', 4)).toEqual([0, 1, 2, 3]);
    expect(parseShards('0-7', 16)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(parseShards('3,1,8-9,1', 16)).toEqual([1, 3, 8, 9]);
  });

  it('names what is wrong', () => {
    expect(() => parseShards('x', 16)).toThrow(/expected all or a list/);
    expect(() => parseShards('5-2', 16)).toThrow(/runs backwards/);
    expect(() => parseShards('0-16', 16)).toThrow(/16 is not one of 0–15/);
  });
});
