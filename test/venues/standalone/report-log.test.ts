import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ReportLog } from '../../../src/venues/standalone/report-log.js';

/** A log from sequence `start` with reports start+1 … start+count appended, each text its sequence. */
function logOf(start: number, count: number, capacity?: number): ReportLog {
  const log = new ReportLog(start, capacity);
  for (let seq = start + 1; seq <= start + count; seq++) log.append(seq, `r${seq}`);
  return log;
}

describe('ReportLog', () => {
  it('replays the reports after a sequence, in order, and nothing after the head', () => {
    const log = logOf(1000, 5);
    expect(log.head).toBe(1005);
    expect(log.since(1002)).toEqual({ messages: ['r1003', 'r1004', 'r1005'], complete: true });
    expect(log.since(1005)).toEqual({ messages: [], complete: true });
    expect(log.since(1000).messages).toHaveLength(5);
  });

  it('starts at the run’s sequence start, and calls a sequence from before the run incomplete', () => {
    const log = new ReportLog(1000);
    expect(log.head).toBe(1000);
    expect(log.since(1000)).toEqual({ messages: [], complete: true });
    expect(logOf(1000, 3).since(999)).toEqual({
      messages: ['r1001', 'r1002', 'r1003'],
      complete: false,
    });
  });

  it('forgets the oldest beyond its capacity, and says so to a client that needed them', () => {
    const log = logOf(0, 10, 3);
    const kept = log.since(0).messages;
    expect(kept.length).toBeGreaterThanOrEqual(3);
    expect(kept.length).toBeLessThan(10);
    expect(log.since(0).complete).toBe(false);
    expect(log.since(7)).toEqual({ messages: ['r8', 'r9', 'r10'], complete: true });
  });

  it('keeps at least its capacity, and a replay it calls complete holds every report asked for', () => {
    fc.assert(
      fc.property(
        fc.nat(20),
        fc.nat(60),
        fc.nat(70),
        fc.nat(100_000),
        (capacity, count, back, start) => {
          const log = logOf(start, count, capacity);
          const since = Math.max(0, start + count - back);
          const replay = log.since(since);
          const expected = Array.from(
            { length: start + count - Math.max(since, start) },
            (_, i) => `r${Math.max(since, start) + i + 1}`,
          );
          // Always a suffix of what was asked for; all of it when called complete.
          expect(expected.slice(expected.length - replay.messages.length)).toEqual(replay.messages);
          if (replay.complete) expect(replay.messages).toEqual(expected);
          // Complete whenever the reports asked for are no more than the capacity.
          if (since >= start && start + count - since <= capacity)
            expect(replay.complete).toBe(true);
          expect(log.since(start).messages.length).toBeGreaterThanOrEqual(
            Math.min(capacity, count),
          );
        },
      ),
    );
  });

  it('refuses a capacity that is not a count', () => {
    expect(() => new ReportLog(0, -1)).toThrow(RangeError);
    expect(() => new ReportLog(0, 1.5)).toThrow(RangeError);
  });
});
