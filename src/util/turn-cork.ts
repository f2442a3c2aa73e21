import type { Writable } from 'node:stream';

/**
 * Makes what is written to a socket in one turn of the event loop leave in one write: `hold`,
 * called before each write, corks the socket at the turn's first and uncorks it on
 * process.nextTick (before any I/O), so a burst of messages (a chunk of orders answered, a batch
 * of reports) costs one system call, not one per message. `flush` uncorks at once: call it before
 * destroying the socket, which would drop what is still corked.
 */
export class TurnCork {
  readonly #socket: Writable;
  #corked = false;

  constructor(socket: Writable) {
    this.#socket = socket;
  }

  /** Corks the socket until the end of this turn, unless it already is. */
  hold(): void {
    if (this.#corked) return;
    this.#corked = true;
    this.#socket.cork();
    process.nextTick(this.flush);
  }

  /** Sends what this turn wrote so far, now. */
  readonly flush = (): void => {
    if (!this.#corked) return;
    this.#corked = false;
    this.#socket.uncork();
  };
}
