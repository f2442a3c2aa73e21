import type { Emitter } from '../core/emitter.js';
import type { ConnectionListener } from '../venues/venue.js';
import type { ServiceEvents } from './service-event.js';

/** What announceFixSession reads of a FIX venue (FixVenue): its name, its logons and drops. */
export interface AnnouncedFixVenue {
  readonly name: string;
  /** How many logons completed. */
  readonly connections: number;
  onConnection(listener: ConnectionListener): () => void;
}

/**
 * Puts a FIX venue's session on the event stream as `venue` events: `logged_on` at each logon
 * (saying which), `disconnected` at each drop, so that a dashboard or client watching the stream
 * sees a session that keeps dropping without scraping /metrics. The state it is told at once
 * (down, before the first logon) is not news. Returns the unsubscribe.
 */
export function announceFixSession(
  events: Emitter<ServiceEvents>,
  venue: AnnouncedFixVenue,
): () => void {
  let first = true;
  return venue.onConnection((up) => {
    if (first) {
      first = false;
      if (!up) return;
    }
    events.emit('event', {
      type: 'venue',
      venue: venue.name,
      kind: up ? 'logged_on' : 'disconnected',
      message: up
        ? `FIX session logged on (logon ${venue.connections})`
        : 'FIX session down: reconnecting',
    });
  });
}
