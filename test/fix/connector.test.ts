import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/clock.js';
import { FixAcceptor } from '../../src/fix/acceptor.js';
import { FixConnector } from '../../src/fix/connector.js';
import type { FixTransport } from '../../src/fix/transport.js';
import { Backoff } from '../../src/util/backoff.js';
import { memoryPair } from './memory-transport.js';
import { exoHeader, messagesIn, rawFrame, START, side } from './session-harness.js';

/** Lets promise callbacks (a dial's resolution) run, then delivers what is due now. */
async function settle(clock: VirtualClock): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await Promise.resolve();
    clock.advance(0);
  }
}

describe('FIX connector and acceptor', () => {
  it('the connector dials again after failures and drops with backoff, and logs on each time', async () => {
    const clock = new VirtualClock(START);
    const exo = side(clock, 'initiator');
    const venue = side(clock, 'acceptor');
    const acceptor = new FixAcceptor([venue.session], clock);
    let up = false;
    let dials = 0;
    const dial = async (): Promise<FixTransport> => {
      dials++;
      if (!up) throw new Error('refused');
      const [i, a] = memoryPair(clock);
      acceptor.accept(a);
      return i;
    };
    const connector = new FixConnector(
      exo.session,
      dial,
      clock,
      new Backoff(1_000, 8_000, () => 0.999),
    );
    connector.start();
    await settle(clock);
    clock.advance(1_000);
    await settle(clock);
    expect(dials).toBe(2);
    up = true;
    clock.advance(2_000);
    await settle(clock);
    expect(dials).toBe(3);
    expect([exo.session.state, venue.session.state]).toEqual(['active', 'active']);
    venue.session.disconnect('venue restarted');
    await settle(clock);
    expect(exo.session.state).toBe('disconnected');
    clock.advance(1_000); // the backoff started again from its initial delay once logged on
    await settle(clock);
    expect(exo.session.state).toBe('active');
    connector.stop();
    await settle(clock);
    expect([exo.session.state, venue.session.state]).toEqual(['disconnected', 'disconnected']);
    clock.advance(60_000);
    await settle(clock);
    expect(dials).toBe(4);
  });

  it('the acceptor routes by CompIDs, hands on the bytes it read, and closes unknown or silent connections', () => {
    const clock = new VirtualClock(START);
    const venue = side(clock, 'acceptor');
    const acceptor = new FixAcceptor([venue.session], clock, 5_000);
    const [raw, a] = memoryPair(clock);
    raw.attach({ data: () => {}, closed: () => {} });
    acceptor.accept(a);
    const logon = rawFrame(`${exoHeader('A', 1, clock)}98=0|108=30|`);
    raw.send(logon.subarray(0, 20));
    clock.advance(0);
    raw.send(logon.subarray(20));
    clock.advance(0);
    expect(venue.session.state).toBe('active');
    expect(messagesIn(a).map((m) => m.msgType)).toEqual(['A']);

    const [stranger, b] = memoryPair(clock);
    stranger.attach({ data: () => {}, closed: () => {} });
    acceptor.accept(b);
    stranger.send(rawFrame(`35=A|49=WHO|56=VENUE|34=1|52=20261206-03:00:00.000|98=0|108=30|`));
    clock.advance(0);
    expect(stranger.open).toBe(false);

    const [silent, c] = memoryPair(clock);
    silent.attach({ data: () => {}, closed: () => {} });
    acceptor.accept(c);
    clock.advance(4_999);
    expect(silent.open).toBe(true);
    clock.advance(1);
    expect(silent.open).toBe(false);
    expect(venue.session.state).toBe('active');
  });
});
