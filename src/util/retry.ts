import type { Clock } from '../core/clock.js';

/** How a venue call made during recovery is retried while the venue cannot be reached. */
export interface RetryOptions {
  readonly clock: Clock;
  /** The first wait, doubled after each failure up to `maxMs`. Default 100. */
  readonly initialMs?: number;
  readonly maxMs?: number;
  /** How long one call may take before it counts as failed. Default 10,000. */
  readonly callTimeoutMs?: number;
  /** Told of each failure before the wait; recovery goes on retrying. */
  readonly onRetry?: (error: unknown, attempt: number) => void;
  /** Gives up (rejecting with the signal's reason) once aborted. */
  readonly signal?: AbortSignal;
}

/** A call that took longer than its timeout. */
export class CallTimeoutError extends Error {
  override readonly name = 'CallTimeoutError';

  constructor(readonly timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
  }
}

/**
 * Calls `call` until it resolves, waiting on the clock between failures with exponential
 * backoff: a venue unreachable during recovery is waited for, not given up on (unless aborted).
 */
export async function withRetry<T>(call: () => Promise<T>, options: RetryOptions): Promise<T> {
  const { initialMs = 100, maxMs = 5_000, callTimeoutMs = 10_000, signal } = options;
  let waitMs = initialMs;
  for (let attempt = 1; ; attempt++) {
    signal?.throwIfAborted();
    try {
      return await withTimeout(call(), options.clock, callTimeoutMs);
    } catch (error) {
      options.onRetry?.(error, attempt);
    }
    await sleep(options.clock, waitMs, signal);
    waitMs = Math.min(maxMs, waitMs * 2);
  }
}

/** Waits `ms` on the clock; rejects early when `signal` aborts. */
export function sleep(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      cancel();
      reject(signal?.reason);
    };
    const cancel = clock.setTimer(clock.now() + ms, () => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    });
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The promise's outcome, or a CallTimeoutError once `ms` pass on the clock first. */
export function withTimeout<T>(promise: Promise<T>, clock: Clock, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const cancel = clock.setTimer(clock.now() + ms, () => reject(new CallTimeoutError(ms)));
    promise.then(
      (value) => {
        cancel();
        resolve(value);
      },
      (error: unknown) => {
        cancel();
        reject(error);
      },
    );
  });
}
