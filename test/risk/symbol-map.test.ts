import { describe, expect, it } from 'vitest';
import { SymbolMap } from '../../src/risk/symbol-map.js';

describe('SymbolMap', () => {
  it('answers as a Map would, through runs of one symbol, replaced entries, misses and a clear', () => {
    const map = new SymbolMap<number>();
    expect(map.get('A')).toBeUndefined();
    map.set('A', 1);
    map.set('B', 2);
    expect([map.get('A'), map.get('A'), map.get('B'), map.get('A')]).toEqual([1, 1, 2, 1]);
    // A symbol built apart (not the same string object) finds the same entry.
    expect(map.get(['A'].join(''))).toBe(1);
    map.set('A', 3);
    expect(map.get('A')).toBe(3);
    expect(map.get('C')).toBeUndefined();
    expect(map.get('A')).toBe(3);
    map.get('B');
    map.set('A', 4);
    expect([map.get('B'), map.get('A')]).toEqual([2, 4]);
    expect([...map.keys()]).toEqual(['A', 'B']);
    expect([...map.entries()]).toEqual([
      ['A', 4],
      ['B', 2],
    ]);
    map.clear();
    expect([map.get('A'), map.get('B'), [...map.keys()]]).toEqual([undefined, undefined, []]);
  });
});
