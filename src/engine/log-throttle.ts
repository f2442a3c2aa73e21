import type { Clock } from '../core/clock.js';

/** Whether to write a log line now, and how many like it were held back since the last one written. */
export interface ThrottleVerdict {
  readonly write: boolean;
  /** Occurrences of the same key left unwritten since the last line written for it. */
  readonly held: number;
}

/**
 * Rate-limits log lines by key on an injected clock: the first occurrence of a key is written at
 * once; repeats within `intervalMs` of the last line written are only counted, and the next one
 * after it is written carrying that count, so a failure repeated every second yields a bounded
 * number of lines that still say how often it happened.
 */
export class LogThrottle {
  readonly #clock: Clock;
  readonly #intervalMs: number;
  readonly #keys = new Map<string, { writtenAt: number; held: number }>();

  constructor(clock: Clock, intervalMs: number) {
    if (!(Number.isFinite(intervalMs) && intervalMs > 0)) {
      throw new RangeError(`log throttle interval must be a positive number, got ${intervalMs}`);
    }
    this.#clock = clock;
    this.#intervalMs = intervalMs;
  }

  /** Counts one occurrence of `key`: written now, or held back and counted. */
  note(key: string): ThrottleVerdict {
    const now = this.#clock.now();
    const entry = this.#keys.get(key);
    if (entry === undefined) {
      this.#keys.set(key, { writtenAt: now, held: 0 });
      return { write: true, held: 0 };
    }
    if (now - entry.writtenAt < this.#intervalMs) {
      entry.held++;
      return { write: false, held: entry.held };
    }
    const held = entry.held;
    entry.writtenAt = now;
    entry.held = 0;
    return { write: true, held };
  }
}
