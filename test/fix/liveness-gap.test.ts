import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GapQueue } from '../../src/fix/gap-queue.js';
import { Liveness } from '../../src/fix/liveness.js';
import { FixMessage } from '../../src/fix/message.js';

describe('Liveness', () => {
  it('heartbeat after an interval of sending nothing; TestRequest at 1.2 intervals of silence; dead at 2.4', () => {
    const live = new Liveness(0);
    expect(live.due(999, 1_000)).toEqual({ dead: false, heartbeat: false });
    expect(live.due(1_000, 1_000)).toEqual({ dead: false, heartbeat: true });
    live.sent(1_000);
    expect(live.due(1_200, 1_000)).toEqual({ dead: false, testReqId: 'TEST-1', heartbeat: false });
    expect(live.due(1_300, 1_000)).toEqual({ dead: false, heartbeat: false });
    expect(live.due(2_400, 1_000)).toEqual({ dead: true, heartbeat: false });
    live.received(2_400);
    expect(live.due(3_600, 1_000)).toEqual({ dead: false, testReqId: 'TEST-2', heartbeat: true });
  });
});

describe('GapQueue', () => {
  it('asks once per gap, and releases held messages in order as the expected number moves', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 2, max: 40 }), { minLength: 1, maxLength: 20 }),
        (seqs) => {
          const gap = new GapQueue();
          const requests = seqs.filter((seq) =>
            gap.hold(seq, new FixMessage([[34, String(seq)]]), 1),
          );
          expect(requests).toEqual([seqs[0]]);
          const released: number[] = [];
          for (let expected = 1; expected <= 41; expected++) {
            const held = gap.take(expected);
            if (held !== undefined && held !== 'consumed') released.push(Number(held.get(34)));
          }
          expect(released).toEqual([...seqs].sort((a, b) => a - b));
        },
      ),
    );
  });

  it("a 'consumed' marker replaces a held message, a message never replaces a marker; clear forgets the outstanding request", () => {
    const gap = new GapQueue();
    const message = new FixMessage([[35, 'D']]);
    expect(gap.hold(5, message, 3)).toBe(true);
    expect(gap.hold(5, 'consumed', 3)).toBe(false);
    expect(gap.hold(5, message, 3)).toBe(false);
    expect(gap.take(5)).toBe('consumed');
    expect(gap.hold(9, message, 6)).toBe(true); // the first request reached only 5
    gap.clear();
    expect(gap.take(9)).toBeUndefined();
    expect(gap.hold(12, message, 10)).toBe(true);
  });
});
