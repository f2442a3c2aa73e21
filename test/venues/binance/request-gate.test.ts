import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/core/clock.js';
import { LIMIT_MARGIN_MS, LimitWindow } from '../../../src/venues/binance/limit-window.js';
import { RequestGate } from '../../../src/venues/binance/request-gate.js';

const LIMITS = [
  { rateLimitType: 'ORDERS', interval: 'SECOND', intervalNum: 10, limit: 3 },
  { rateLimitType: 'ORDERS', interval: 'DAY', intervalNum: 1, limit: 5 },
  { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 100 },
];
const ORDER = { weight: 1, orders: 1 };

describe('the Binance request gate', () => {
  it('sends what fits at once and holds the rest, in order, until the 10 s window has room', () => {
    const clock = new VirtualClock(1_000_000);
    const gate = new RequestGate(LIMITS, clock, () => clock.now());
    const sent: [number, number][] = [];
    for (let i = 0; i < 4; i++) gate.schedule(ORDER, () => sent.push([i, clock.now()]));
    expect(sent).toEqual([
      [0, 1_000_000],
      [1, 1_000_000],
      [2, 1_000_000],
    ]);
    expect(gate.waiting).toBe(1);
    expect(gate.heldBack).toBe(1);
    clock.advance(10_000 + LIMIT_MARGIN_MS);
    expect(sent).toHaveLength(3);
    clock.advance(1);
    expect(sent.at(-1)).toEqual([3, 1_000_000 + 10_000 + LIMIT_MARGIN_MS + 1]);
    expect(gate.usage()).toEqual(
      expect.arrayContaining([
        { name: 'ORDERS 10s', used: 1, limit: 3 },
        { name: 'ORDERS 86400s', used: 4, limit: 5 },
      ]),
    );
  });

  it('holds orders past the day limit until the day turns, while requests without orders go', () => {
    const clock = new VirtualClock(0);
    const gate = new RequestGate(LIMITS, clock, () => clock.now());
    let orders = 0;
    for (let i = 0; i < 6; i++) gate.schedule(ORDER, () => orders++);
    clock.advance(60_000);
    expect(orders).toBe(5);
    let cancels = 0;
    gate.schedule({ weight: 1, orders: 0 }, () => cancels++);
    // Behind the waiting order: requests go in the order asked.
    expect(cancels).toBe(0);
    clock.advanceTo(86_400_000 + LIMIT_MARGIN_MS);
    expect([orders, cancels]).toEqual([6, 1]);
  });

  it('pauses every request for a Retry-After', () => {
    const clock = new VirtualClock(0);
    const gate = new RequestGate(LIMITS, clock, () => clock.now());
    gate.pause(2_000);
    let sent = 0;
    gate.schedule(ORDER, () => sent++);
    clock.advance(1_999);
    expect(sent).toBe(0);
    clock.advance(1);
    expect(sent).toBe(1);
  });

  it('counts weight spent outside the queue (REST) against REQUEST_WEIGHT', () => {
    const clock = new VirtualClock(0);
    const gate = new RequestGate(LIMITS, clock, () => clock.now());
    gate.charge(100);
    let sent = 0;
    gate.schedule({ weight: 1, orders: 0 }, () => sent++);
    expect(sent).toBe(0);
    clock.advance(60_000 + LIMIT_MARGIN_MS + 1);
    expect(sent).toBe(1);
  });
});

describe('a limit window', () => {
  it('never lets more than the limit into any fixed window of Binance, wherever the boundary falls', () => {
    // Spends as fast as the window allows for a minute, then checks every 10 s window Binance
    // would count, each shifted by up to the margin either way (a request landing late or early).
    const window = new LimitWindow(3, 10_000);
    const times: number[] = [];
    for (let now = 0; now < 60_000; now++) {
      if (window.fitsAt(now, 1) === now) {
        window.add(now, 1);
        times.push(now);
      }
    }
    for (const shift of [-LIMIT_MARGIN_MS, 0, LIMIT_MARGIN_MS]) {
      const counts = new Map<number, number>();
      for (const time of times) {
        const start = Math.floor((time + shift) / 10_000);
        counts.set(start, (counts.get(start) ?? 0) + 1);
      }
      expect(Math.max(...counts.values())).toBeLessThanOrEqual(3);
    }
  });
});
