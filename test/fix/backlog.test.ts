import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/clock.js';
import { FixAcceptor } from '../../src/fix/acceptor.js';
import type { FixTransport, TransportEvents } from '../../src/fix/transport.js';
import { exoHeader, rawFrame, START, side } from './session-harness.js';

describe('FIX session backlog', () => {
  it('is what the connection has not yet handed to the OS, through the acceptor; 0 without a connection', () => {
    const clock = new VirtualClock(START);
    const venue = side(clock, 'acceptor');
    expect(venue.session.backlog).toBe(0);
    let events: TransportEvents | undefined;
    let waiting = 4096;
    const transport: FixTransport = {
      attach: (e) => {
        events = e;
      },
      send: () => {},
      close: () => {},
      backlog: () => waiting,
    };
    new FixAcceptor([venue.session], clock).accept(transport);
    events!.data(rawFrame(`${exoHeader('A', 1, clock)}98=0|108=30|`));
    expect(venue.session.state).toBe('active');
    expect(venue.session.backlog).toBe(4096);
    waiting = 0;
    expect(venue.session.backlog).toBe(0);
  });
});
