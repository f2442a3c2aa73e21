import type { Clock } from '../../core/clock.js';

/**
 * A clock on the process's monotonic clock (`process.hrtime`, in milliseconds), which no change
 * of the wall clock moves and which every thread of the process reads alike: a lease's deadline
 * written by the renewer thread means the same instant to the main thread. (Each thread's
 * `performance.timeOrigin` is taken from the wall clock when that thread starts, so
 * `timeOrigin + performance.now()` can differ between threads after a wall clock step.)
 * Its timers are unref'd: they keep no process or thread alive.
 */
export const MONOTONIC: Clock = {
  now: () => Number(process.hrtime.bigint()) / 1e6,
  setTimer(time, callback) {
    const handle = setTimeout(callback, Math.max(0, time - MONOTONIC.now()));
    handle.unref();
    return () => clearTimeout(handle);
  },
};
