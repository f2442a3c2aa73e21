import type { CancelTimer, Clock } from '../core/clock.js';
import { parseFix } from './parse.js';
import type { FixSession } from './session.js';
import { FixSplitter } from './splitter.js';
import { Tag } from './tags.js';
import type { FixTransport, TransportEvents } from './transport.js';

/**
 * Routes incoming connections to acceptor sessions by the counterparty's SenderCompID (49) and
 * our TargetCompID (56) in its first message; bytes read to find them are handed on to the
 * session. A connection for no known session, or silent past `firstMessageTimeoutMs`, is closed.
 */
export class FixAcceptor {
  readonly #sessions = new Map<string, FixSession>();

  constructor(
    sessions: readonly FixSession[],
    readonly clock: Clock,
    readonly firstMessageTimeoutMs = 10_000,
  ) {
    for (const session of sessions)
      this.#sessions.set(key(session.options.targetCompId, session.options.senderCompId), session);
  }

  /** Takes a new connection (from a net.Server's 'connection', wrapped by socketTransport). */
  accept(transport: FixTransport): void {
    const splitter = new FixSplitter();
    const chunks: Uint8Array[] = [];
    let routed = false;
    const timeout: CancelTimer = this.clock.setTimer(
      this.clock.now() + this.firstMessageTimeoutMs,
      () => {
        if (!routed) transport.close();
      },
    );
    let forward: TransportEvents | undefined;
    transport.attach({
      data: (chunk) => {
        if (forward !== undefined) return forward.data(chunk);
        if (routed) return;
        chunks.push(chunk);
        const [first] = splitter.push(chunk);
        if (first === undefined) return;
        routed = true;
        timeout();
        const { message } = parseFix(first);
        const session = this.#sessions.get(
          key(message.get(Tag.SenderCompID), message.get(Tag.TargetCompID)),
        );
        if (session === undefined) {
          transport.close();
          return;
        }
        session.connect({
          attach: (events) => {
            forward = events;
            for (const buffered of chunks.splice(0)) events.data(buffered);
          },
          send: (bytes) => transport.send(bytes),
          close: () => transport.close(),
          backlog: () => transport.backlog?.() ?? 0,
        });
      },
      closed: () => {
        timeout();
        forward?.closed();
      },
    });
  }
}

function key(theirCompId: string | undefined, ourCompId: string | undefined): string {
  return `${theirCompId ?? ''}\x01${ourCompId ?? ''}`;
}
