import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimal } from '../../src/market/decimal.js';
import { cumulative } from '../../src/market/fills.js';
import { ORD_STATUSES } from '../../src/market/ord-status.js';
import type { Report } from '../../src/market/report.js';
import type { ChildOrder } from '../../src/orders/child-order.js';
import { ChildReportError, IllegalTransitionError } from '../../src/orders/child-order-errors.js';
import {
  CHILD_TRANSITIONS,
  type ChildEvent,
  transitionTarget,
} from '../../src/orders/child-order-transitions.js';
import { CL_ORD_ID, childIn, fill, newChild, report } from './child-order-helpers.js';

const EVENTS: readonly ChildEvent[] = [
  'request_replace',
  'request_cancel',
  'acknowledged',
  'partial_fill',
  'complete_fill',
  'replaced',
  'canceled',
  'rejected',
  'cancel_rejected',
  'replace_rejected',
  'expired',
  'outcome_unknown',
];

/** Performs one event on a child the way exo or a venue would. */
function perform(child: ChildOrder, event: ChildEvent): void {
  switch (event) {
    case 'request_replace':
      child.requestReplace({ limitPrice: decimal('99') }, 3);
      return;
    case 'request_cancel':
      child.requestCancel(3);
      return;
    case 'acknowledged':
      child.apply(report('new'));
      return;
    case 'partial_fill':
      child.apply(fill('e-partial', '1'));
      return;
    case 'complete_fill': {
      const rest = child.quantity.minus(child.cumQty);
      child.apply(fill('e-complete', rest.gt(0) ? rest.toFixed() : '1'));
      return;
    }
    case 'outcome_unknown':
      child.apply(report('unknown', { text: 'no answer in time' }));
      return;
    default:
      child.apply(report(event, { text: 'venue says so' }));
  }
}

describe('ChildOrder transitions', () => {
  const legal = ORD_STATUSES.flatMap((state) =>
    EVENTS.filter((event) => transitionTarget(state, event) !== undefined).map(
      (event) => [state, event] as const,
    ),
  );
  // On a filled child every fill completes it (as an overfill), so a partial fill cannot happen there.
  const unreachable = (state: string, event: ChildEvent) =>
    state === 'filled' && event === 'partial_fill';
  const illegal = ORD_STATUSES.flatMap((state) =>
    EVENTS.filter(
      (event) => transitionTarget(state, event) === undefined && !unreachable(state, event),
    ).map((event) => [state, event] as const),
  );

  it.each(legal)('in %s, %s moves to the table’s target', (state, event) => {
    const child = childIn(state);
    expect(child.status).toBe(state);
    perform(child, event);
    const target = CHILD_TRANSITIONS[state][event];
    if (target === 'working') {
      const expected = child.cumQty.gte(child.quantity)
        ? 'filled'
        : child.cumQty.gt(0)
          ? 'partially_filled'
          : 'new';
      expect(child.status).toBe(expected);
    } else {
      expect(child.status).toBe(target);
    }
  });

  it.each(illegal)('in %s, %s is refused naming both, and changes nothing', (state, event) => {
    const child = childIn(state);
    const before = child.snapshot();
    let thrown: unknown;
    try {
      perform(child, event);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(IllegalTransitionError);
    const error = thrown as IllegalTransitionError;
    expect(error.state).toBe(state);
    expect(error.event).toBe(event);
    expect(error.message).toContain(state);
    expect(error.message).toContain(event);
    expect(child.snapshot()).toEqual(before);
  });

  it('refuses a cancel while a replace is pending: one request at a time', () => {
    const child = childIn('pending_replace');
    expect(child.pending).toBe('replace');
    expect(() => child.requestCancel(3)).toThrow(
      'child P1-1: request_cancel is not allowed in state pending_replace',
    );
    expect(() => child.requestReplace({ limitPrice: decimal('1') }, 3)).toThrow(
      IllegalTransitionError,
    );
  });

  it('refuses a request before the venue has acknowledged the child', () => {
    expect(() => newChild().requestCancel(3)).toThrow(IllegalTransitionError);
  });
});

describe('ChildOrder fills', () => {
  it('counts each execId once and keeps exact figures', () => {
    const child = childIn('new');
    child.apply(fill('a', '1', '100'));
    child.apply(fill('b', '2', '101'));
    const replay = child.apply(fill('a', '1', '100'));
    expect(replay.event).toBe('duplicate_fill');
    expect(child.cumQty.toFixed()).toBe('3');
    expect(child.avgPx?.eq(decimal('302').div(3))).toBe(true);
    expect(child.status).toBe('partially_filled');
    expect(child.openQty.toFixed()).toBe('7');
  });

  it('applies a fill beyond the quantity but flags it as an overfill', () => {
    const child = childIn('new');
    expect(child.apply(fill('a', '8')).overfill).toBe(false);
    const over = child.apply(fill('b', '5'));
    expect(over.event).toBe('complete_fill');
    expect(over.overfill).toBe(true);
    expect(child.status).toBe('filled');
    expect(child.cumQty.toFixed()).toBe('13');
    expect(child.openQty.toFixed()).toBe('0');
  });

  it('a fill that arrives after a cancel was sent counts, and the cancel still completes', () => {
    const child = childIn('new');
    child.requestCancel(3);
    child.apply(fill('a', '4'));
    expect(child.status).toBe('pending_cancel');
    expect(child.pending).toBe('cancel');
    child.apply(report('canceled'));
    expect(child.status).toBe('canceled');
    expect(child.cumQty.toFixed()).toBe('4');
  });

  it('a fill that completes the child during a cancel ends it filled; the late refusal changes nothing', () => {
    const child = childIn('partially_filled');
    child.requestCancel(3);
    child.apply(fill('a', '6'));
    expect(child.status).toBe('filled');
    expect(child.pending).toBeUndefined();
    const refusal = child.apply(report('cancel_rejected', { text: 'too late' }));
    expect(refusal.status).toBe('filled');
    expect(child.cancelRejections).toBe(0);
    expect(() => child.apply(report('canceled'))).toThrow(IllegalTransitionError);
  });

  it('a fill that crossed a confirmed cancel on the wire still counts', () => {
    const child = childIn('canceled');
    child.apply(fill('late', '2'));
    expect(child.status).toBe('canceled');
    expect(child.cumQty.toFixed()).toBe('2');
  });

  it('a cancel refused because the venue already ended the child changes nothing', () => {
    const child = childIn('new');
    child.requestCancel(3);
    child.apply(report('canceled', { text: 'ioc remainder' }));
    const refusal = child.apply(report('cancel_rejected', { text: 'order is already canceled' }));
    expect(refusal.status).toBe('canceled');
    expect(child.cancelRejections).toBe(0);
  });

  it('a refused cancel returns the child to working and is counted', () => {
    const child = childIn('partially_filled');
    child.requestCancel(3);
    child.apply(report('cancel_rejected'));
    expect(child.status).toBe('partially_filled');
    expect(child.cancelRejections).toBe(1);
  });

  it('random reports with replayed and reordered fills leave the figures of the unique execIds', () => {
    const fillArb = fc.record({
      execId: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'),
      qty: fc.integer({ min: 1, max: 400 }).map((n) => (n / 100).toString()),
      px: fc.integer({ min: 9_900, max: 10_100 }).map((n) => (n / 100).toString()),
    });
    const stepArb = fc.oneof(
      { weight: 6, arbitrary: fillArb.map((f) => ({ kind: 'fill' as const, ...f })) },
      { weight: 1, arbitrary: fc.constant({ kind: 'cancel' as const }) },
      { weight: 1, arbitrary: fc.constant({ kind: 'canceled' as const }) },
      { weight: 1, arbitrary: fc.constant({ kind: 'ack' as const }) },
    );
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 40 }), (steps) => {
        const child = newChild();
        const firstByExecId = new Map<string, { qty: string; px: string }>();
        for (const step of steps) {
          if (step.kind === 'fill') {
            child.apply(fill(step.execId, step.qty, step.px));
            if (!firstByExecId.has(step.execId)) firstByExecId.set(step.execId, step);
          } else if (step.kind === 'cancel') {
            if (child.status === 'new' || child.status === 'partially_filled') {
              child.requestCancel(3);
            }
          } else if (step.kind === 'canceled') {
            if (child.status === 'pending_cancel') child.apply(report('canceled'));
          } else if (child.status === 'pending_new') {
            child.apply(report('new'));
          }
        }
        const expected = cumulative(
          [...firstByExecId.values()].map((f) => ({ qty: decimal(f.qty), px: decimal(f.px) })),
        );
        expect(child.cumQty.eq(expected.cumQty)).toBe(true);
        expect(child.avgPx?.toFixed()).toBe(expected.avgPx?.toFixed());
        if (child.cumQty.gte(child.quantity)) expect(child.status).toBe('filled');
      }),
    );
  });
});

describe('ChildOrder reports', () => {
  it('a confirmed replace takes the new terms; a replace below cumQty ends it filled', () => {
    const child = childIn('partially_filled');
    child.requestReplace({ quantity: decimal('20'), limitPrice: decimal('101') }, 3);
    expect(child.quantity.toFixed()).toBe('10');
    expect(child.openQty.toFixed()).toBe('16');
    child.apply(report('replaced'));
    expect(child.quantity.toFixed()).toBe('20');
    expect(child.limitPrice?.toFixed()).toBe('101');
    expect(child.status).toBe('partially_filled');

    child.requestReplace({ quantity: decimal('3') }, 4);
    child.apply(report('replaced'));
    expect(child.status).toBe('filled');
  });

  it('a refused replace keeps the old terms', () => {
    const child = childIn('new');
    child.requestReplace({ limitPrice: decimal('105') }, 3);
    child.apply(report('replace_rejected', { text: 'no' }));
    expect(child.limitPrice?.toFixed()).toBe('100');
    expect(child.status).toBe('new');
    expect(child.replaceRejections).toBe(1);
  });

  it('refuses reports about another child, another venue order, or a fill without its figures', () => {
    const child = childIn('new');
    child.apply(report('new', { venueOrderId: 'V1' }));
    const bad: Report[] = [
      report('new', { clOrdId: 'P1-2' }),
      report('new', { orderId: 'P2' }),
      report('canceled', { venueOrderId: 'V2' }),
      report('trade', { lastQty: decimal('1'), lastPx: decimal('1') }),
      report('trade', { execId: 'x', lastPx: decimal('1') }),
      report('trade', { execId: 'x', lastQty: decimal('1'), lastPx: decimal('0') }),
    ];
    for (const r of bad) expect(() => child.apply(r)).toThrow(ChildReportError);
    expect(child.status).toBe('new');
    expect(child.cumQty.toFixed()).toBe('0');
  });

  it('reads the meaning from the status when a venue sends no exec type', () => {
    const child = newChild();
    child.apply({ orderId: 'P1', clOrdId: CL_ORD_ID, status: 'new', transactTime: 2 });
    expect(child.status).toBe('new');
    child.apply({
      orderId: 'P1',
      clOrdId: CL_ORD_ID,
      status: 'partially_filled',
      execId: 'x',
      lastQty: decimal('2'),
      lastPx: decimal('100'),
      transactTime: 3,
    });
    expect(child.cumQty.toFixed()).toBe('2');
    const restated = child.apply({ orderId: 'P1', status: 'pending_cancel', transactTime: 4 });
    expect(restated.event).toBe('status');
    expect(child.status).toBe('partially_filled');
  });

  it('snapshots what was asked, what the venue said and what filled', () => {
    const child = childIn('new');
    child.apply(report('new', { venueOrderId: 'V1', transactTime: 5 }));
    child.apply(fill('a', '2.5', '99.5'));
    child.requestCancel(9);
    expect(child.snapshot()).toEqual({
      clOrdId: CL_ORD_ID,
      venueOrderId: 'V1',
      side: 'buy',
      quantity: decimal('10'),
      limitPrice: decimal('100'),
      timeInForce: 'gtc',
      status: 'pending_cancel',
      pending: 'cancel',
      cumQty: decimal('2.5'),
      avgPx: decimal('99.5'),
      createdAt: 1,
      updatedAt: 9,
    });
  });
});
