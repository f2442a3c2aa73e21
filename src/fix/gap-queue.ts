import type { FixMessage } from './message.js';

/** A message held behind a gap, or 'consumed' for one already acted on when it arrived (Logon, ResendRequest, Logout). */
export type HeldMessage = FixMessage | 'consumed';

/**
 * What arrived ahead of a sequence gap, by MsgSeqNum, and how far the outstanding ResendRequest
 * reaches, so one gap asks once and what waits is released in order as the gap fills.
 */
export class GapQueue {
  readonly #held = new Map<number, HeldMessage>();
  #resendUpTo = 0;

  /**
   * Holds what arrived with `seq` while `expected` was due (a 'consumed' marker replaces a held
   * message; a message never replaces one). Returns whether a ResendRequest from `expected` must
   * go out: only when none is outstanding.
   */
  hold(seq: number, message: HeldMessage, expected: number): boolean {
    if (message === 'consumed' || !this.#held.has(seq)) this.#held.set(seq, message);
    const request = this.#resendUpTo < expected;
    this.#resendUpTo = Math.max(this.#resendUpTo, seq);
    return request;
  }

  /** Forgets what is below `expected` and takes out what is held for it, if anything. */
  take(expected: number): HeldMessage | undefined {
    for (const seq of this.#held.keys()) if (seq < expected) this.#held.delete(seq);
    const held = this.#held.get(expected);
    this.#held.delete(expected);
    return held;
  }

  /** Forgets everything (the connection ended). */
  clear(): void {
    this.#held.clear();
    this.#resendUpTo = 0;
  }
}
