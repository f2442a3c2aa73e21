import type { Socket } from 'node:net';
import { TurnCork } from '../util/turn-cork.js';

/** What a transport tells the session: bytes arrived, or the connection ended. */
export interface TransportEvents {
  data(chunk: Uint8Array): void;
  closed(): void;
}

/**
 * One connection as the FIX session sees it: bytes out, close, and the two events in.
 * A net.Socket in production (socketTransport), an in-memory pair in tests.
 */
export interface FixTransport {
  /** Starts delivering events to `events`; called once by the session that owns the connection. */
  attach(events: TransportEvents): void;
  send(bytes: Uint8Array): void;
  /** Ends the connection; `closed` follows once. */
  close(): void;
  /** Bytes sent but not yet handed to the OS (a slow reader backs them up); 0 when unknown. */
  backlog?(): number;
}

/**
 * A FixTransport over a connected net.Socket (Nagle off: FIX messages are small and latency
 * matters). What is sent in one turn of the event loop leaves in one write (see TurnCork), so a
 * chunk of orders answered with a burst of reports costs one system call, not one per message.
 */
export function socketTransport(socket: Socket): FixTransport {
  socket.setNoDelay(true);
  const cork = new TurnCork(socket);
  return {
    attach(events) {
      socket.on('data', (chunk: Buffer) => events.data(chunk));
      socket.on('close', () => events.closed());
      socket.on('error', () => socket.destroy());
    },
    send(bytes) {
      if (socket.destroyed) return;
      cork.hold();
      socket.write(bytes);
    },
    close() {
      // What was sent just before (a Logout) goes out before the connection ends.
      cork.flush();
      socket.destroy();
    },
    backlog: () => socket.writableLength,
  };
}
