import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/clock.js';
import { VenueDisconnect } from '../../src/risk/venue-disconnect.js';

/** A disconnect watch with `timeoutMs` on a virtual clock, with the reasons it fired with. */
function watch(timeoutMs: number | undefined) {
  const clock = new VirtualClock(1_000_000);
  const fired: string[] = [];
  const disconnect = new VenueDisconnect(
    { clock, venue: 'remote', trigger: (reason) => fired.push(reason) },
    timeoutMs,
  );
  return { clock, disconnect, fired };
}

const timeout = fc.integer({ min: 1, max: 600_000 });

describe('VenueDisconnect', () => {
  it('fires once the venue has been away for the timeout, not a millisecond before', () => {
    fc.assert(
      fc.property(timeout, (timeoutMs) => {
        const { clock, disconnect, fired } = watch(timeoutMs);
        disconnect.connection(false);
        clock.advance(timeoutMs - 1);
        expect(fired).toEqual([]);
        clock.advance(1);
        expect(fired).toEqual([
          `venue remote disconnected for ${timeoutMs} ms (the limit is ${timeoutMs} ms)`,
        ]);
        expect(disconnect.tripped).toBe(true);
        // Once: being told again, or waiting on, fires nothing more.
        disconnect.connection(false);
        clock.advance(timeoutMs * 2);
        expect(fired).toHaveLength(1);
      }),
    );
  });

  it('does not fire for a disconnect shorter than the timeout: the reconnect cancels it', () => {
    fc.assert(
      fc.property(
        timeout.chain((t) => fc.tuple(fc.constant(t), fc.integer({ min: 0, max: t - 1 }))),
        ([timeoutMs, awayMs]) => {
          const { clock, disconnect, fired } = watch(timeoutMs);
          disconnect.connection(false);
          clock.advance(awayMs);
          disconnect.connection(true);
          clock.advance(timeoutMs * 2);
          expect(fired).toEqual([]);
          expect(clock.pending).toBe(0);
        },
      ),
    );
  });

  it('times from when the venue went away, however often it is told so meanwhile', () => {
    const { clock, disconnect, fired } = watch(1000);
    disconnect.connection(false);
    for (let i = 0; i < 9; i++) {
      clock.advance(100);
      disconnect.connection(false);
    }
    clock.advance(99);
    expect(fired).toEqual([]);
    clock.advance(1);
    expect(fired).toHaveLength(1);
  });

  it('times each disconnect on its own: short ones in a row never add up', () => {
    const { clock, disconnect, fired } = watch(1000);
    for (let i = 0; i < 5; i++) {
      disconnect.connection(false);
      clock.advance(999);
      disconnect.connection(true);
      clock.advance(1);
    }
    expect(fired).toEqual([]);
  });

  it('re-arms on reset, timing a venue still away from the reset', () => {
    const { clock, disconnect, fired } = watch(1000);
    disconnect.connection(false);
    clock.advance(5000);
    expect(fired).toHaveLength(1);
    disconnect.reset();
    expect(disconnect.tripped).toBe(false);
    clock.advance(999);
    expect(fired).toHaveLength(1);
    clock.advance(1);
    expect(fired).toHaveLength(2);
    expect(fired[1]).toContain('disconnected for 1000 ms');
  });

  it('does nothing without a timeout; one set later times the venue from when it went', () => {
    const { clock, disconnect, fired } = watch(undefined);
    disconnect.connection(false);
    clock.advance(10_000);
    expect(fired).toEqual([]);
    disconnect.setTimeoutMs(15_000);
    clock.advance(4999);
    expect(fired).toEqual([]);
    clock.advance(1);
    expect(fired).toEqual(['venue remote disconnected for 15000 ms (the limit is 15000 ms)']);
  });

  it('fires at once when a new timeout is already past, and never after stop', () => {
    const { clock, disconnect, fired } = watch(60_000);
    disconnect.connection(false);
    clock.advance(10_000);
    disconnect.setTimeoutMs(5000);
    clock.advance(0);
    expect(fired).toEqual(['venue remote disconnected for 10000 ms (the limit is 5000 ms)']);

    const stopped = watch(1000);
    stopped.disconnect.connection(false);
    stopped.disconnect.stop();
    stopped.clock.advance(5000);
    expect(stopped.fired).toEqual([]);
  });
});
