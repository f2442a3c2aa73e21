import type { Clock } from '../../src/core/clock.js';
import type { FixTransport, TransportEvents } from '../../src/fix/transport.js';

/**
 * One end of an in-memory connection: bytes sent reach the peer through a clock timer due now,
 * so a VirtualClock's `advance(0)` delivers them and no session runs inside another's send.
 */
export class MemoryEnd implements FixTransport {
  /** Every chunk this end sent. */
  readonly sent: Buffer[] = [];
  /** While true, this end neither sends nor receives (its process is frozen). */
  frozen = false;
  open = true;
  peer: MemoryEnd | undefined;
  #events: TransportEvents | undefined;

  constructor(readonly clock: Clock) {}

  attach(events: TransportEvents): void {
    this.#events = events;
  }

  send(bytes: Uint8Array): void {
    if (!this.open || this.frozen) return;
    const copy = Buffer.from(bytes);
    this.sent.push(copy);
    const peer = this.peer!;
    this.clock.setTimer(this.clock.now(), () => {
      if (peer.open && !peer.frozen) peer.#events?.data(copy);
    });
  }

  close(): void {
    for (const end of [this, this.peer!]) {
      if (!end.open) continue;
      end.open = false;
      this.clock.setTimer(this.clock.now(), () => end.#events?.closed());
    }
  }
}

/** Two connected in-memory transports. */
export function memoryPair(clock: Clock): [MemoryEnd, MemoryEnd] {
  const a = new MemoryEnd(clock);
  const b = new MemoryEnd(clock);
  a.peer = b;
  b.peer = a;
  return [a, b];
}
