import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/clock.js';
import { decimal } from '../../src/market/decimal.js';
import type { Report } from '../../src/market/report.js';
import type { OrderEvent } from '../../src/orders/order-event.js';
import type { ParentSnapshot } from '../../src/orders/order-snapshot.js';
import type { ParentOrder } from '../../src/orders/parent-order.js';
import { ParentState } from '../../src/orders/parent-state.js';
import { recoveredFromJSON, recoveredToJSON } from '../../src/recovery/recovered-json.js';
import {
  BINANCE_CLIENT_IDS,
  ClientIdError,
  fixClientIds,
} from '../../src/venues/client-id-format.js';

function order(extra: Partial<ParentOrder> = {}): ParentOrder {
  return {
    orderId: 'O1',
    side: 'buy',
    symbol: 'BTC-USD',
    msgType: 'new',
    quantity: decimal('10'),
    limitPrice: decimal('101'),
    algo: 'take',
    params: {},
    ...extra,
  };
}

function setup(extra: Partial<ParentOrder> = {}) {
  const clock = new VirtualClock(1_000);
  const seen: Array<{ event: OrderEvent; snapshot: ParentSnapshot }> = [];
  const state = new ParentState(order(extra), {
    clock,
    listener: (event, view) => seen.push({ event, snapshot: view.snapshot() }),
  });
  return { state, seen, clock, kinds: () => seen.map((s) => s.event.kind) };
}

function ack(clOrdId: string): Report {
  return { orderId: 'O1', clOrdId, execType: 'new', status: 'new', transactTime: 1_000 };
}

function fill(clOrdId: string, execId: string, qty: string, px: string): Report {
  return {
    orderId: 'O1',
    clOrdId,
    execId,
    execType: 'trade',
    status: 'partially_filled',
    lastQty: decimal(qty),
    lastPx: decimal(px),
    transactTime: 1_000,
  };
}

describe('ParentState', () => {
  it('books fills into cumQty, avgPx, leaves and status, announcing each with its snapshot', () => {
    const { state, seen, clock, kinds } = setup();
    expect(state.status).toBe('pending_new');
    state.accept();
    expect(state.status).toBe('new');
    const { clOrdId } = state.sendChild({
      quantity: decimal('4'),
      limitPrice: decimal('100'),
      timeInForce: 'ioc',
    });
    expect(clOrdId).toBe('O1-1');
    state.applyReport(ack(clOrdId));
    clock.advance(5);
    state.applyReport(fill(clOrdId, 'x1', '1', '100'));
    state.applyReport(fill(clOrdId, 'x1', '1', '100'));
    state.applyReport(fill(clOrdId, 'x2', '3', '99'));
    expect(kinds()).toEqual(['accepted', 'child_sent', 'child_acknowledged', 'fill', 'fill']);
    expect(state.status).toBe('partially_filled');
    expect(state.cumQty.toFixed()).toBe('4');
    expect(state.avgPx?.toFixed()).toBe('99.25');
    expect(state.leavesQty.toFixed()).toBe('6');

    const last = seen[seen.length - 1]!;
    expect(last.event).toEqual({
      kind: 'fill',
      orderId: 'O1',
      time: 1_005,
      fill: { execId: 'x2', clOrdId, qty: decimal('3'), px: decimal('99'), time: 1_000 },
    });
    expect(last.snapshot.cumQty.toFixed()).toBe('4');
    expect(last.snapshot.fills.map((f) => f.execId)).toEqual(['x1', 'x2']);
    expect(last.snapshot.children).toHaveLength(1);
    expect(last.snapshot.children[0]!.status).toBe('filled');
    expect(last.snapshot.updatedAt).toBe(1_005);
    expect(seen[1]!.snapshot.cumQty.toFixed()).toBe('0');

    const second = state.sendChild({ quantity: decimal('6'), timeInForce: 'ioc' });
    expect(second.clOrdId).toBe('O1-2');
    state.applyReport(fill(second.clOrdId, 'x3', '6', '100'));
    expect(state.status).toBe('filled');
    expect(state.leavesQty.toFixed()).toBe('0');
    state.finish('filled');
    expect(state.done).toBe(true);
    expect(seen[seen.length - 1]!.event).toMatchObject({ kind: 'done', status: 'filled' });
    expect(seen[seen.length - 1]!.snapshot.status).toBe('filled');
  });

  it('a replace takes the new quantity and limit; an absent limit keeps the current one', () => {
    const { state, seen } = setup();
    state.accept();
    state.instruct(order({ msgType: 'replace', quantity: decimal('20') }));
    expect(state.quantity.toFixed()).toBe('20');
    expect(state.limitPrice?.toFixed()).toBe('101');
    state.instruct(order({ msgType: 'replace', limitPrice: decimal('102') }));
    expect(state.limitPrice?.toFixed()).toBe('102');
    expect(seen[seen.length - 1]!.event).toMatchObject({
      kind: 'replaced',
      quantity: decimal('10'),
      limitPrice: decimal('102'),
    });
  });

  it('a replace below cumQty leaves the order at what has filled, with nothing left', () => {
    const { state } = setup();
    state.accept();
    const { clOrdId } = state.sendChild({ quantity: decimal('5'), timeInForce: 'gtc' });
    state.applyReport(fill(clOrdId, 'x1', '3', '100'));
    state.instruct(order({ msgType: 'replace', quantity: decimal('2') }));
    expect(state.quantity.toFixed()).toBe('3');
    expect(state.leavesQty.toFixed()).toBe('0');
    expect(state.status).toBe('filled');
  });

  it('refuses a replace with a quantity that is not positive, as an error event', () => {
    const { state, seen } = setup();
    state.instruct(order({ msgType: 'replace', quantity: decimal('0') }));
    expect(state.quantity.toFixed()).toBe('10');
    expect(seen[0]!.event).toMatchObject({ kind: 'error' });
  });

  it('turns a report for an unknown child, or one the child refuses, into an error event', () => {
    const { state, seen } = setup();
    state.accept();
    expect(state.applyReport(ack('O1-9'))).toBeUndefined();
    const { clOrdId } = state.sendChild({ quantity: decimal('1'), timeInForce: 'gtc' });
    expect(
      state.applyReport({
        orderId: 'O1',
        clOrdId,
        execType: 'replaced',
        status: 'new',
        transactTime: 0,
      }),
    ).toBeUndefined();
    const errors = seen.filter((s) => s.event.kind === 'error').map((s) => s.event);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatchObject({ message: expect.stringContaining('unknown child O1-9') });
    expect(errors[1]).toMatchObject({
      message: expect.stringContaining('replaced is not allowed in state pending_new'),
    });
  });

  it('announces an overfill of a child and of the order as errors, keeping the fill', () => {
    const { state, kinds } = setup({ quantity: decimal('2') });
    state.accept();
    const { clOrdId } = state.sendChild({ quantity: decimal('2'), timeInForce: 'gtc' });
    state.applyReport(fill(clOrdId, 'x1', '3', '100'));
    expect(state.cumQty.toFixed()).toBe('3');
    expect(kinds()).toEqual(['accepted', 'child_sent', 'fill', 'error', 'error']);
    expect(state.snapshot().overfilled).toBe(true);
  });

  it('is not flagged overfilled when it fills exactly its quantity', () => {
    const { state } = setup({ quantity: decimal('2') });
    state.accept();
    const { clOrdId } = state.sendChild({ quantity: decimal('2'), timeInForce: 'gtc' });
    state.applyReport(fill(clOrdId, 'x1', '2', '100'));
    expect(state.snapshot().overfilled).toBeUndefined();
  });

  it('a cancel shows as pending_cancel; a rejection ends with rejected then done', () => {
    const { state, seen, kinds } = setup();
    state.accept();
    state.instruct(order({ msgType: 'cancel' }));
    expect(state.status).toBe('pending_cancel');
    state.finish('rejected', 'unknown symbol');
    state.finish('canceled');
    expect(kinds()).toEqual(['accepted', 'cancel_requested', 'rejected', 'done']);
    expect(seen[2]!.event).toMatchObject({ reason: 'unknown symbol' });
    expect(seen[3]!.snapshot).toMatchObject({ status: 'rejected', text: 'unknown symbol' });
  });

  it('carries on when the listener throws, telling onListenerError', () => {
    const failures: string[] = [];
    const state = new ParentState(order(), {
      clock: new VirtualClock(),
      listener: () => {
        throw new Error('store down');
      },
      onListenerError: (error, event) => failures.push(`${event.kind}: ${String(error)}`),
    });
    state.accept();
    state.sendChild({ quantity: decimal('1'), timeInForce: 'gtc' });
    expect(state.workingChildren()).toHaveLength(1);
    expect(failures).toEqual(['accepted: Error: store down', 'child_sent: Error: store down']);
  });

  it('takes a new order once, a cancel once, no replace while a cancel is pending, nothing once ended', () => {
    const { state, kinds } = setup();
    state.instruct(order());
    state.instruct(order());
    state.instruct(order({ msgType: 'cancel' }));
    state.instruct(order({ msgType: 'cancel' }));
    state.instruct(order({ msgType: 'replace', quantity: decimal('3') }));
    expect(state.quantity.toFixed()).toBe('10');
    state.finish('canceled');
    state.instruct(order({ msgType: 'new' }));
    expect(kinds()).toEqual(['accepted', 'cancel_requested', 'done']);
    expect(state.status).toBe('canceled');
  });

  it('a refused cancel is no longer pending; a refused replace gives back the terms kept', () => {
    const { state } = setup();
    state.accept();
    state.instruct(order({ msgType: 'replace', quantity: decimal('6'), limitPrice: undefined }));
    state.apply({
      kind: 'instruction_refused',
      time: 2_000,
      msgType: 'replace',
      terms: { quantity: decimal('10'), limitPrice: decimal('101') },
    });
    expect([
      state.quantity.toFixed(),
      state.limitPrice?.toFixed(),
      state.leavesQty.toFixed(),
    ]).toEqual(['10', '101', '10']);
    state.instruct(order({ msgType: 'cancel' }));
    state.apply({ kind: 'instruction_refused', time: 2_001, msgType: 'cancel' });
    expect(state.status).toBe('new');
    expect(state.snapshot().updatedAt).toBe(2_001);
  });

  it('takes an instruction at its own time: a new order is created and accepted when its instruction was', () => {
    const { state, clock } = setup({ time: 900 });
    clock.advance(50);
    state.instruct(order({ time: 900 }));
    expect([state.createdAt, state.snapshot().updatedAt]).toEqual([900, 900]);
    state.instruct(order({ msgType: 'replace', quantity: decimal('4'), time: 940 }));
    expect(state.snapshot().updatedAt).toBe(940);
  });

  it('stamps each child request with the time it applied, for its journal row', () => {
    const { state, clock } = setup();
    state.accept();
    clock.advance(5);
    const request = state.sendChild({ quantity: decimal('1'), timeInForce: 'day' });
    const child = state.child(request.clOrdId)!;
    expect([request.time, child.createdAt]).toEqual([1_005, 1_005]);
    state.applyReport(ack(request.clOrdId));
    clock.advance(5);
    expect(state.replaceChild(child, { quantity: decimal('2') }).time).toBe(1_010);
  });

  it('a refusal journaled after the order completed leaves when it ended as it was', () => {
    const replayed = ParentState.accepted(order(), 500);
    replayed.apply({ kind: 'order_completed', time: 600, status: 'canceled' });
    replayed.apply({
      kind: 'instruction_refused',
      time: 700,
      msgType: 'replace',
      terms: { quantity: decimal('10'), limitPrice: decimal('101') },
    });
    expect(replayed.snapshot().updatedAt).toBe(600);
  });

  it('replays events with their own times and no clock, numbering children after those seen', () => {
    const replayed = ParentState.accepted(order(), 500);
    const request = {
      clOrdId: 'O1-7',
      parentId: 'O1',
      symbol: 'BTC-USD',
      side: 'buy' as const,
      quantity: decimal('2'),
      timeInForce: 'gtc' as const,
    };
    replayed.apply({ kind: 'child_intent', time: 600, request });
    replayed.apply({
      kind: 'child_intent',
      time: 601,
      request: { ...request, quantity: decimal('9') },
    });
    replayed.apply({ kind: 'venue_report', time: 700, report: fill('O1-7', 'x1', '2', '100') });
    replayed.apply({ kind: 'order_completed', time: 800, status: 'rejected', text: 'halted' });
    expect(replayed.snapshot()).toMatchObject({
      status: 'rejected',
      text: 'halted',
      cumQty: decimal('2'),
      createdAt: 500,
      updatedAt: 800,
      children: [{ clOrdId: 'O1-7', quantity: decimal('2'), createdAt: 600 }],
    });
    expect(() => replayed.sendChild({ quantity: decimal('1'), timeInForce: 'gtc' })).toThrow(
      /no clock/,
    );
    const live = ParentState.restore(replayed.save(), { clock: new VirtualClock(900) });
    expect(live.sendChild({ quantity: decimal('1'), timeInForce: 'gtc' }).clOrdId).toBe('O1-8');
  });

  it('throws on a child request its state machine forbids, changing nothing', () => {
    const { state } = setup();
    state.accept();
    state.sendChild({ quantity: decimal('1'), timeInForce: 'gtc' });
    const child = state.child('O1-1')!;
    state.applyReport(ack('O1-1'));
    state.cancelChild(child);
    expect(() => state.replaceChild(child, { quantity: decimal('2') })).toThrow(/not allowed/);
    expect(child.status).toBe('pending_cancel');
  });

  it("refuses to build a child whose ID the venue's format would refuse, changing nothing", () => {
    const clock = new VirtualClock(1_000);
    const seen: string[] = [];
    const state = new ParentState(order({ orderId: 'exo-a-much-longer-order-id' }), {
      clock,
      listener: (event) => seen.push(event.kind),
      clientIds: { format: fixClientIds(20) },
    });
    state.accept();
    expect(() => state.sendChild({ quantity: decimal('1'), timeInForce: 'gtc' })).toThrow(
      ClientIdError,
    );
    expect(() => state.sendChild({ quantity: decimal('1'), timeInForce: 'gtc' })).toThrow(
      /beyond the venue's 20/,
    );
    expect(state.snapshot().children).toEqual([]);
    expect(seen).toEqual(['accepted']);
  });

  it('numbers children in base 36, so the tenth is -a and the 36th -10', () => {
    const { state } = setup();
    state.accept();
    const ids = Array.from(
      { length: 36 },
      () => state.sendChild({ quantity: decimal('0.1'), timeInForce: 'ioc' }).clOrdId,
    );
    expect(ids.slice(8, 11)).toEqual(['O1-9', 'O1-a', 'O1-b']);
    expect(ids[35]).toBe('O1-10');
  });

  it('at a venue that renames on replace, offers each replace a new ID and follows the venue to it', () => {
    const clock = new VirtualClock(1_000);
    const options = { clock, clientIds: { format: BINANCE_CLIENT_IDS, renamesOnReplace: true } };
    const state = new ParentState(order(), options);
    state.accept();
    const { clOrdId } = state.sendChild({ quantity: decimal('4'), timeInForce: 'gtc' });
    state.applyReport({ ...ack(clOrdId), venueOrderId: 'v1' });
    const child = state.child(clOrdId)!;
    const first = state.replaceChild(child, { quantity: decimal('5') });
    expect(first).toMatchObject({ clOrdId: 'O1-1', newClOrdId: 'O1-2' });
    // Refused under the name it offered: the venue did not take it.
    state.applyReport({
      ...ack(clOrdId),
      execType: 'replace_rejected',
      venueClOrdId: 'O1-2',
      text: 'no',
    });
    expect(child.venueClOrdId).toBe('O1-1');
    const second = state.replaceChild(child, { quantity: decimal('6') });
    expect(second.newClOrdId).toBe('O1-3');
    // Taken: the venue names the order O1-3 now, with a venue order ID of its own.
    state.applyReport({
      ...ack(clOrdId),
      execType: 'replaced',
      venueClOrdId: 'O1-3',
      venueOrderId: 'v2',
    });
    // A late fill under the first name still counts, and takes nothing back.
    state.applyReport({ ...fill(clOrdId, 'x1', '1', '100'), venueOrderId: 'v1' });
    expect([child.venueClOrdId, child.quantity.toFixed(), child.status]).toEqual([
      'O1-3',
      '6',
      'partially_filled',
    ]);
    expect(child.clientIds).toEqual(['O1-1', 'O1-2', 'O1-3']);
    expect(state.snapshot().children[0]).toMatchObject({
      clOrdId: 'O1-1',
      clientIds: ['O1-1', 'O1-2', 'O1-3'],
      venueClOrdId: 'O1-3',
      venueOrderId: 'v2',
    });
    expect(state.sendChild({ quantity: decimal('1'), timeInForce: 'ioc' }).clOrdId).toBe('O1-4');

    const saved = recoveredToJSON({ parent: state.save(), venues: {}, counts: COUNTS });
    const restored = ParentState.restore(recoveredFromJSON(saved).parent, options);
    expect(restored.child(clOrdId)!.venueClOrdId).toBe('O1-3');
    expect(restored.snapshot().children[0]?.venueOrderId).toBe('v2');
    expect(restored.child(clOrdId)!.clientIds).toEqual(['O1-1', 'O1-2', 'O1-3']);
    expect(restored.sendChild({ quantity: decimal('1'), timeInForce: 'ioc' }).clOrdId).toBe('O1-5');
  });

  it('at a venue that names every replace anew, a replaced report under the current ID is an earlier replace told late, not the pending one', () => {
    const clock = new VirtualClock(1_000);
    const rules = { format: BINANCE_CLIENT_IDS, renamesOnReplace: 'always' as const };
    const state = new ParentState(order(), { clock, clientIds: rules });
    state.accept();
    const { clOrdId } = state.sendChild({ quantity: decimal('4'), timeInForce: 'gtc' });
    state.applyReport({ ...ack(clOrdId), venueOrderId: 'v1' });
    const child = state.child(clOrdId)!;
    state.replaceChild(child, { quantity: decimal('5') });
    const replaced = { ...ack(clOrdId), execType: 'replaced' as const, venueClOrdId: 'O1-2' };
    state.applyReport(replaced);
    expect(state.replaceChild(child, { quantity: decimal('6') }).newClOrdId).toBe('O1-3');
    // The first replace told again (a status query's account, then the venue's own report).
    state.applyReport(replaced);
    expect([child.status, child.quantity.toFixed(), child.venueClOrdId]).toEqual([
      'pending_replace',
      '5',
      'O1-2',
    ]);
    state.applyReport({ ...replaced, venueClOrdId: 'O1-3' });
    expect([child.status, child.quantity.toFixed(), child.venueClOrdId]).toEqual([
      'new',
      '6',
      'O1-3',
    ]);
  });

  it('at a venue whose replaces may keep the ID (an amend), a replaced report under the current ID answers the pending replace', () => {
    const clock = new VirtualClock(1_000);
    const rules = { format: BINANCE_CLIENT_IDS, renamesOnReplace: true };
    const state = new ParentState(order(), { clock, clientIds: rules });
    state.accept();
    const { clOrdId } = state.sendChild({ quantity: decimal('4'), timeInForce: 'gtc' });
    state.applyReport({ ...ack(clOrdId), venueOrderId: 'v1' });
    const child = state.child(clOrdId)!;
    state.replaceChild(child, { quantity: decimal('3') });
    state.applyReport({ ...ack(clOrdId), execType: 'replaced', venueClOrdId: clOrdId });
    expect([child.status, child.quantity.toFixed(), child.venueClOrdId]).toEqual([
      'new',
      '3',
      clOrdId,
    ]);
  });

  it('at a venue that amends in place, offers no new ID', () => {
    const { state } = setup();
    state.accept();
    const { clOrdId } = state.sendChild({ quantity: decimal('4'), timeInForce: 'gtc' });
    state.applyReport(ack(clOrdId));
    const request = state.replaceChild(state.child(clOrdId)!, { quantity: decimal('5') });
    expect(request.newClOrdId).toBeUndefined();
    expect(state.sendChild({ quantity: decimal('1'), timeInForce: 'ioc' }).clOrdId).toBe('O1-2');
  });

  it('keeps a request of unknown outcome pending and unknown, through a save and a restore', () => {
    const { state, kinds } = setup();
    state.accept();
    const { clOrdId } = state.sendChild({ quantity: decimal('4'), timeInForce: 'gtc' });
    state.applyReport({
      ...ack(clOrdId),
      execType: 'unknown',
      status: 'pending_new',
      text: 'timeout',
    });
    expect(kinds().at(-1)).toBe('child_unknown');
    expect(state.snapshot().children[0]).toMatchObject({ pending: 'new', unknown: true });
    expect(state.workingChildren()).toHaveLength(1);

    const json = recoveredToJSON({ parent: state.save(), venues: {}, counts: COUNTS });
    const restored = ParentState.restore(recoveredFromJSON(json).parent);
    expect(restored.snapshot().children[0]).toMatchObject({ pending: 'new', unknown: true });
    restored.apply({ kind: 'venue_report', time: 2_000, report: ack(clOrdId) });
    expect(restored.snapshot().children[0]).toMatchObject({ status: 'new' });
    expect(restored.snapshot().children[0]?.unknown).toBeUndefined();
  });
});

const COUNTS = { instructions: 1, checkpoints: 0, replaces: {} };
