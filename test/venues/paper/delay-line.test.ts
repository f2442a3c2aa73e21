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

  it('delivers everything pushed earlier first when a later timer fires out of turn', () => {
    const { clock, timers } = manualClock();
    const delivered: number[] = [];
    const line = new DelayLine<number>(clock, 2, (item) => delivered.push(item));
    for (const item of [1, 2, 3]) line.push(item);
    timers[1]!.fire();
    expect(delivered).toEqual([1, 2]);
    expect(timers[0]!.cancelled).toBe(true);
    timers[2]!.fire();
    expect(delivered).toEqual([1, 2, 3]);
  });

  it('delivers later items already due with the one whose timer fired, so they arrive together', () => {
    const { clock, timers } = manualClock();
    const delivered: number[] = [];
    const line = new DelayLine<number>(clock, 2, (item) => delivered.push(item));
    line.push(1);
    line.push(2);
    clock.set(1);
    line.push(3);
    clock.set(2);
    timers[0]!.fire();
    expect(delivered).toEqual([1, 2]);
    expect(timers[1]!.cancelled).toBe(true);
    expect(timers[2]!.cancelled).toBe(false);
    clock.set(3);
    timers[2]!.fire();
    expect(delivered).toEqual([1, 2, 3]);
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
