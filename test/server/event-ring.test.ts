import { describe, expect, it } from 'vitest';
import { EventRing } from '../../src/server/event-ring.js';

function ringOf(capacity: number, events: number): EventRing {
  const ring = new EventRing(capacity);
  for (let i = 0; i < events; i++) ring.push((sequence) => `e${sequence}`);
  return ring;
}

describe('EventRing', () => {
  it('numbers events from 1 and gives back those after a number, oldest first', () => {
    const ring = ringOf(4, 3);
    expect(ring.latest).toBe(3);
    expect(ring.after(0)).toEqual(['e1', 'e2', 'e3']);
    expect(ring.after(2)).toEqual(['e3']);
    expect(ring.after(3)).toEqual([]);
  });

  it('holds only the last `capacity` events: resuming from before them is refused, not gapped', () => {
    const ring = ringOf(4, 10);
    expect(ring.after(6)).toEqual(['e7', 'e8', 'e9', 'e10']);
    expect(ring.after(5)).toBeUndefined();
  });

  it('refuses a number it never reached', () => {
    expect(ringOf(4, 2).after(3)).toBeUndefined();
  });

  it('refuses a capacity under 1', () => {
    expect(() => new EventRing(0)).toThrow(RangeError);
  });
});
