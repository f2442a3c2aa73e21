import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../../src/market/report.js';
import { ReportSequence } from '../../../src/venues/remote/report-sequence.js';

/** A report telling its sequence apart by its time, and where a sequence delivers. */
function harness(head = 100) {
  const delivered: number[] = [];
  const texts: (string | undefined)[] = [];
  const sequence = new ReportSequence((report, venueSeq) => {
    delivered.push(venueSeq);
    texts.push(report.text);
  });
  sequence.startRun(head);
  return { sequence, delivered, texts };
}

function report(venueSeq: number, text?: string): Report {
  return { orderId: 'P', status: 'new', transactTime: venueSeq, ...(text ? { text } : {}) };
}

describe('ReportSequence', () => {
  it('delivers live reports at once and drops those at or below the last delivered', () => {
    const { sequence, delivered } = harness();
    for (const seq of [101, 102, 102, 100, 99, 104]) sequence.receive(seq, report(seq));
    expect(delivered).toEqual([101, 102, 104]);
    expect(sequence.delivered).toBe(104);
  });

  it('holds during a catch-up, then delivers held and rebuilt reports sorted, once each', () => {
    const { sequence, delivered, texts } = harness();
    sequence.receive(101, report(101));
    sequence.hold();
    for (const seq of [105, 106, 102, 103, 104, 105, 101]) sequence.receive(seq, report(seq));
    expect(delivered).toEqual([101]);
    expect(sequence.holding).toBe(true);
    sequence.release([
      { venueSeq: 100, report: report(100, 'rebuilt') },
      { venueSeq: 104, report: report(104, 'rebuilt') },
      { venueSeq: 107, report: report(107, 'rebuilt') },
    ]);
    expect(delivered).toEqual([101, 102, 103, 104, 105, 106, 107]);
    expect(texts[3]).toBeUndefined(); // the held report of sequence 104, not the rebuilt one
    expect(texts[6]).toBe('rebuilt');
    expect(sequence.holding).toBe(false);
    sequence.receive(108, report(108));
    expect(delivered.at(-1)).toBe(108);
  });

  it('starts over with a new run, even one numbered below the last', () => {
    const { sequence, delivered } = harness(1000);
    sequence.receive(1001, report(1001));
    sequence.startRun(500);
    sequence.receive(501, report(501));
    expect(delivered).toEqual([1001, 501]);
  });

  it('delivers each sequence once and in order, however live and replayed reports interleave', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: 90, max: 130 }), { maxLength: 12 }), { maxLength: 6 }),
        (bursts) => {
          const { sequence, delivered } = harness();
          const offered = new Set<number>();
          bursts.forEach((burst, index) => {
            if (index % 2 === 1) sequence.hold();
            for (const seq of burst) {
              offered.add(seq);
              sequence.receive(seq, report(seq));
            }
            if (index % 2 === 1) sequence.release();
          });
          sequence.release();
          expect(new Set(delivered).size).toBe(delivered.length);
          expect(delivered).toEqual([...delivered].sort((a, b) => a - b));
          expect(delivered.every((seq) => seq > 100 && offered.has(seq))).toBe(true);
        },
      ),
    );
  });
});
