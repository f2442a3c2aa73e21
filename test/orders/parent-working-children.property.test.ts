import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimal } from '../../src/market/decimal.js';
import { EXEC_TYPES } from '../../src/market/exec-type.js';
import { isTerminal } from '../../src/market/ord-status.js';
import type { Report } from '../../src/market/report.js';
import { IllegalTransitionError } from '../../src/orders/child-order-errors.js';
import type { ParentEvent } from '../../src/orders/parent-event.js';
import type { ParentOrder } from '../../src/orders/parent-order.js';
import { ParentState } from '../../src/orders/parent-state.js';

const ORDER: ParentOrder = {
  orderId: 'O1',
  side: 'buy',
  symbol: 'BTC-USD',
  msgType: 'new',
  quantity: decimal('20'),
  limitPrice: decimal('101'),
  algo: 'take',
  params: {},
};

/** Few children, so that the steps below hit each one many times. */
const CHILDREN = 4;
const childId = fc.integer({ min: 1, max: CHILDREN }).map((n) => `O1-${n}`);

/** One step of a parent's life, by kind; `apply`'s time is the step's index. */
const stepArb = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('intent' as const), clOrdId: childId }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancel' as const), clOrdId: childId }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('replace' as const),
      clOrdId: childId,
      quantity: fc.integer({ min: 1, max: 8 }),
    }),
  },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('report' as const),
      clOrdId: childId,
      execType: fc.constantFrom(...EXEC_TYPES),
      execId: fc.integer({ min: 1, max: 12 }),
      qty: fc.integer({ min: 1, max: 6 }),
    }),
  },
);
type Step = typeof stepArb extends fc.Arbitrary<infer T> ? T : never;

function event(step: Step, time: number): ParentEvent {
  const { clOrdId } = step;
  switch (step.kind) {
    case 'intent':
      return {
        kind: 'child_intent',
        time,
        request: {
          clOrdId,
          parentId: 'O1',
          symbol: 'BTC-USD',
          side: 'buy',
          quantity: decimal('5'),
          limitPrice: decimal('100'),
          timeInForce: 'gtc',
        },
      };
    case 'cancel':
      return { kind: 'child_cancel', time, clOrdId };
    case 'replace':
      return {
        kind: 'child_replace',
        time,
        clOrdId,
        change: { quantity: decimal(String(step.quantity)) },
      };
    case 'report': {
      const report: Report = {
        orderId: 'O1',
        clOrdId,
        execType: step.execType,
        status: 'new',
        transactTime: time,
        ...(step.execType === 'trade'
          ? {
              execId: `e${step.execId}`,
              lastQty: decimal(String(step.qty)),
              lastPx: decimal('100'),
            }
          : {}),
      };
      return { kind: 'venue_report', time, report };
    }
  }
}

/** The working children worked out the slow way: every child, filtered, in send order. */
function filtered(state: ParentState): string[] {
  return state
    .snapshot()
    .children.filter((child) => !isTerminal(child.status))
    .map((child) => child.clOrdId);
}

function expectKept(state: ParentState): void {
  const working = state.workingChildren();
  expect(working.map((child) => child.clOrdId)).toEqual(filtered(state));
  for (const child of working) expect(state.child(child.clOrdId)).toBe(child);
}

describe('ParentState.workingChildren', () => {
  it('equals the filter over all children, in send order, after any sequence of events', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 60 }), (steps) => {
        const state = ParentState.accepted(ORDER, 0);
        steps.forEach((step, index) => {
          try {
            state.apply(event(step, index + 1));
          } catch (error) {
            // A request the child's state rules out: refused, changing nothing.
            if (!(error instanceof IllegalTransitionError)) throw error;
          }
          expectKept(state);
        });
        expectKept(ParentState.restore(state.save()));
      }),
      { numRuns: 300 },
    );
  });
});
