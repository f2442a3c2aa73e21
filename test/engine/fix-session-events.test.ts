import { describe, expect, it } from 'vitest';
import { Emitter } from '../../src/core/emitter.js';
import { announceFixSession } from '../../src/engine/fix-session-events.js';
import type { ServiceEvent, ServiceEvents } from '../../src/engine/service-event.js';
import type { ConnectionListener } from '../../src/venues/venue.js';

describe('a FIX session on the event stream', () => {
  it('each logon and each drop is a venue event; the state told at once is not, nor anything after unsubscribing', () => {
    const events = new Emitter<ServiceEvents>((error) => {
      throw error;
    });
    const seen: ServiceEvent[] = [];
    events.on('event', (event) => seen.push(event));
    let listener: ConnectionListener = () => {};
    const venue = {
      name: 'fix',
      connections: 0,
      onConnection(l: ConnectionListener) {
        listener = l;
        l(false);
        return () => {
          listener = () => {};
        };
      },
    };
    const stop = announceFixSession(events, venue);
    expect(seen).toEqual([]);
    venue.connections = 1;
    listener(true);
    listener(false);
    venue.connections = 2;
    listener(true);
    expect(seen).toEqual([
      {
        type: 'venue',
        venue: 'fix',
        kind: 'logged_on',
        message: 'FIX session logged on (logon 1)',
      },
      {
        type: 'venue',
        venue: 'fix',
        kind: 'disconnected',
        message: 'FIX session down: reconnecting',
      },
      {
        type: 'venue',
        venue: 'fix',
        kind: 'logged_on',
        message: 'FIX session logged on (logon 2)',
      },
    ]);
    stop();
    listener(false);
    expect(seen).toHaveLength(3);
  });
});
