import { describe, expect, it } from 'vitest';
import type { Clock } from '../../../src/core/clock.js';
import { VirtualClock } from '../../../src/core/clock.js';
import { DelayLine } from '../../../src/venues/paper/index.js';

/** A clock whose timers the test fires by hand, in any order, as a busy real clock might. */
function manualClock() {
  const timers: { time: number; fire: () => void; cancelled: boolean }[] = [];
  let now = 0;
  const clock: Clock & { set(time: number): void } = {
    now: () => now,
    set: (time) => {
      now = time;
    },
    setTimer(time, fire) {
      const timer = { time, fire, cancelled: false };
      timers.push(timer);
      return () => {
        timer.cancelled = true;
      };
    },
  };
  return { clock, timers };
}

describe('DelayLine', () => {
  it('delivers each item after the delay, in the order pushed', () => {
    const clock = new VirtualClock();
    const delivered: string[] = [];
    const line = new DelayLine<string>(clock, 3, (item) =>
      delivered.push(`${item}@${clock.now()}`),
    );
    line.push('a');
    clock.advance(1);
    line.push('b');
    clock.advance(1.5);
    expect(delivered).toEqual([]);
    clock.advance(0.5);
    expect(delivered).toEqual(['a@3']);
    clock.advance(1);
    expect(delivered).toEqual(['a@3', 'b@4']);
    expect(line.size).toBe(0);
  });

  it('sets one timer for the oldest item, and the next for the oldest left', () => {
    const { clock, timers } = manualClock();
    const delivered: number[] = [];
    const line = new DelayLine<number>(clock, 2, (item) => delivered.push(item));
    line.push(1);
    line.push(2);
    clock.set(1);
    line.push(3);
    expect(timers.map((t) => t.time)).toEqual([2]);
    clock.set(2);
    timers[0]!.fire();
    expect(delivered).toEqual([1, 2]);
    expect(timers.map((t) => t.time)).toEqual([2, 3]);
    clock.set(3);
    timers[1]!.fire();
    expect(delivered).toEqual([1, 2, 3]);
    expect(line.size).toBe(0);
    expect(timers).toHaveLength(2);
  });

  it('delivers only the oldest item when its timer fires early, and waits for the rest', () => {
    const { clock, timers } = manualClock();
    const delivered: number[] = [];
    const line = new DelayLine<number>(clock, 2, (item) => delivered.push(item));
    line.push(1);
    line.push(2);
    clock.set(1);
    timers[0]!.fire();
    expect(delivered).toEqual([1]);
    expect(timers[1]!.time).toBe(2);
    clock.set(2);
    timers[1]!.fire();
    expect(delivered).toEqual([1, 2]);
  });

  it('keeps an item pushed during a delivery for the next timer, after those still waiting', () => {
    const { clock, timers } = manualClock();
    const delivered: number[] = [];
    const line: DelayLine<number> = new DelayLine<number>(clock, 2, (item) => {
      delivered.push(item);
      if (item === 1) line.push(9);
    });
    line.push(1);
    clock.set(1);
    line.push(2);
    clock.set(2);
    timers[0]!.fire();
    expect(delivered).toEqual([1]);
    expect(timers.map((t) => t.time)).toEqual([2, 3]);
    clock.set(4);
    timers[1]!.fire();
    expect(delivered).toEqual([1, 2, 9]);
  });

  it('delivers nothing more once a delivery closes the line', () => {
    const { clock, timers } = manualClock();
    const delivered: number[] = [];
    const line: DelayLine<number> = new DelayLine<number>(clock, 2, (item) => {
      delivered.push(item);
      line.close();
    });
    line.push(1);
    line.push(2);
    clock.set(2);
    timers[0]!.fire();
    expect(delivered).toEqual([1]);
    expect(timers).toHaveLength(1);
    expect(line.size).toBe(0);
  });

  it('drops what is in flight on close', () => {
    const clock = new VirtualClock();
    const delivered: number[] = [];
    const line = new DelayLine<number>(clock, 2, (item) => delivered.push(item));
    line.push(1);
    line.close();
    clock.advance(10);
    expect(delivered).toEqual([]);
    expect(clock.pending).toBe(0);
  });
});
