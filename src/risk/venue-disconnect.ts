import type { CancelTimer, Clock } from '../core/clock.js';

/** What a venue-disconnect watch times with, and whom it tells. */
export interface VenueDisconnectOptions {
  /** The engine's clock: the timeout runs on it. */
  readonly clock: Clock;
  /** The venue's name, for the reason. */
  readonly venue: string;
  /** Told once, with how long the venue has been away, when the timeout passes. */
  readonly trigger: (reason: string) => void;
}

/**
 * The venue away too long: from the moment it disconnects, a timer of `timeoutMs` runs on the
 * engine's clock; reconnecting in time cancels it, and if it runs out the trigger fires, once.
 * It stays quiet until `reset` (a resume) re-arms it; a venue still away then is timed afresh
 * from the reset, so that a resume is not undone at once. Without a timeout it only follows the
 * connection. A venue is taken as connected until told otherwise.
 */
export class VenueDisconnect {
  readonly #options: VenueDisconnectOptions;
  #timeoutMs: number | undefined;
  /** When the venue went away (or the watch was reset while it was); undefined while connected. */
  #awaySince: number | undefined;
  #timer: CancelTimer | undefined;
  #tripped = false;

  constructor(options: VenueDisconnectOptions, timeoutMs?: number) {
    this.#options = options;
    this.#timeoutMs = timeoutMs;
  }

  /** Whether the timeout ran out and the trigger fired, since the start or the last reset. */
  get tripped(): boolean {
    return this.#tripped;
  }

  /**
   * Puts a new timeout in force (none: off). A venue already away is timed from when it went,
   * against the new timeout: one already past fires at once.
   */
  setTimeoutMs(timeoutMs: number | undefined): void {
    this.#timeoutMs = timeoutMs;
    this.#plan();
  }

  /** The venue connected, or disconnected: told again while it stays away changes nothing. */
  connection(connected: boolean): void {
    if (connected) {
      this.#awaySince = undefined;
      this.#plan();
    } else if (this.#awaySince === undefined) {
      this.#awaySince = this.#options.clock.now();
      this.#plan();
    }
  }

  /** Re-arms it after a halt was lifted; a venue still away is timed from now. */
  reset(): void {
    this.#tripped = false;
    if (this.#awaySince !== undefined) this.#awaySince = this.#options.clock.now();
    this.#plan();
  }

  /** Stops timing, for good: the engine is stopping. */
  stop(): void {
    this.#timer?.();
    this.#timer = undefined;
    this.#timeoutMs = undefined;
  }

  /** The timer for the venue away now under the timeout in force, or none. */
  #plan(): void {
    this.#timer?.();
    this.#timer = undefined;
    const since = this.#awaySince;
    const timeoutMs = this.#timeoutMs;
    if (since === undefined || timeoutMs === undefined || this.#tripped) return;
    this.#timer = this.#options.clock.setTimer(since + timeoutMs, () => {
      this.#timer = undefined;
      this.#tripped = true;
      const away = this.#options.clock.now() - since;
      this.#options.trigger(
        `venue ${this.#options.venue} disconnected for ${away} ms ` +
          `(the limit is ${timeoutMs} ms)`,
      );
    });
  }
}
