import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/clock.js';
import type { ExecType } from '../../src/market/exec-type.js';
import type { Report } from '../../src/market/report.js';
import { RejectStorm } from '../../src/risk/reject-storm.js';
import type { RejectStormRule } from '../../src/risk/risk-limits.js';

/** A storm watch under `rule` on a virtual clock, with the reasons it fired with. */
function watch(rule: RejectStormRule | undefined) {
  const clock = new VirtualClock(1_000_000);
  const fired: string[] = [];
  const storm = new RejectStorm({ clock, trigger: (reason) => fired.push(reason) }, rule);
  /** One report of `execType` from the venue, `afterMs` after the one before. */
  const at = (afterMs: number, execType: ExecType = 'rejected'): void => {
    clock.advance(afterMs);
    storm.report(reportOf(execType));
  };
  return { clock, storm, fired, at };
}

function reportOf(execType: ExecType | undefined, status: Report['status'] = 'rejected'): Report {
  return {
    orderId: 'p',
    clOrdId: 'p-1',
    ...(execType === undefined ? {} : { execType }),
    status,
    transactTime: 0,
  };
}

const rule = fc.record({
  rejects: fc.integer({ min: 1, max: 30 }),
  withinMs: fc.integer({ min: 1, max: 100_000 }),
});

/**
 * Gaps between `count` rejects whose total (first to last) is exactly `span` (0 for a single
 * reject): the first gap is 0, the rest are random and add up to `span`.
 */
function gapsSpanning(count: number, span: number) {
  const cuts = Math.max(0, count - 2);
  return fc
    .array(fc.integer({ min: 0, max: span }), { minLength: cuts, maxLength: cuts })
    .map((cuts) => {
      if (count === 1) return [0];
      const points = [0, ...cuts.sort((a, b) => a - b), span];
      return [0, ...points.slice(1).map((point, i) => point - points[i]!)];
    });
}

describe('RejectStorm', () => {
  it('fires when the rule’s count of rejects spans less than its window, not one fewer', () => {
    fc.assert(
      fc.property(
        rule.chain((r) => fc.tuple(fc.constant(r), gapsSpanning(r.rejects, r.withinMs - 1))),
        ([r, gaps]) => {
          const { fired, at } = watch(r);
          gaps.forEach((gap, i) => {
            at(gap);
            // One fewer than the rule's count never fires, however close together.
            expect(fired).toHaveLength(i + 1 < r.rejects ? 0 : 1);
          });
          const span = gaps.reduce((sum, gap) => sum + gap, 0);
          expect(fired[0]).toBe(
            `reject storm: ${r.rejects} venue rejects within ${span} ms ` +
              `(the limit is ${r.rejects} within ${r.withinMs} ms)`,
          );
        },
      ),
    );
  });

  it('does not fire when the rejects span the whole window: the first has left it', () => {
    fc.assert(
      fc.property(
        rule
          .filter((r) => r.rejects > 1)
          .chain((r) => fc.tuple(fc.constant(r), gapsSpanning(r.rejects, r.withinMs))),
        ([r, gaps]) => {
          const { fired, at } = watch(r);
          for (const gap of gaps) at(gap);
          expect(fired).toEqual([]);
        },
      ),
    );
  });

  it('never fires on rejects spread evenly beyond the window, however many', () => {
    fc.assert(
      fc.property(
        rule.filter((r) => r.rejects > 1),
        fc.integer({ min: 0, max: 1000 }),
        (r, extra) => {
          const { fired, at } = watch(r);
          // Any `rejects` in a row span (rejects - 1) gaps: at least the window.
          const gap = Math.ceil(r.withinMs / (r.rejects - 1)) + extra;
          for (let i = 0; i < r.rejects * 3; i++) at(gap);
          expect(fired).toEqual([]);
        },
      ),
    );
  });

  it('counts only the venue refusing a new child, not a refused cancel or replace', () => {
    const { fired, at, storm } = watch({ rejects: 2, withinMs: 1000 });
    for (const execType of [
      'cancel_rejected',
      'replace_rejected',
      'new',
      'trade',
      'canceled',
    ] as const) {
      at(0, execType);
      at(0, execType);
    }
    expect(fired).toEqual([]);
    // A venue that gives only where the order stands: a rejected order counts.
    storm.report(reportOf(undefined, 'rejected'));
    storm.report(reportOf(undefined, 'new'));
    expect(fired).toEqual([]);
    at(0);
    expect(fired).toHaveLength(1);
  });

  it('fires once, and counts afresh after a reset', () => {
    const { fired, at, storm } = watch({ rejects: 3, withinMs: 1000 });
    for (let i = 0; i < 10; i++) at(1);
    expect(fired).toHaveLength(1);
    expect(storm.tripped).toBe(true);
    storm.reset();
    expect(storm.tripped).toBe(false);
    // The rejects before the reset count no more.
    at(1);
    at(1);
    expect(fired).toHaveLength(1);
    at(1);
    expect(fired).toHaveLength(2);
  });

  it('counts nothing without a rule; a new rule counts afresh, the same one keeps its count', () => {
    const { fired, at, storm } = watch(undefined);
    for (let i = 0; i < 5; i++) at(0);
    expect(fired).toEqual([]);
    storm.setRule({ rejects: 3, withinMs: 1000 });
    at(0);
    at(0);
    storm.setRule({ rejects: 3, withinMs: 1000 });
    at(0);
    expect(fired).toHaveLength(1);
    storm.reset();
    at(0);
    at(0);
    storm.setRule({ rejects: 3, withinMs: 2000 });
    at(0);
    expect(fired).toHaveLength(1);
  });
});
