import type { Clock } from '../core/clock.js';

/**
 * Numbers unique across restarts, for journal keys that would otherwise repeat after one (the n-th
 * replace of a child, the n-th checkpoint of an order): a counter that starts at the clock's time
 * in microseconds, so a later process starts above every number an earlier one could have reached
 * unless that one took more than a million numbers a second for its whole life.
 */
export function uniqueNumbers(clock: Clock): () => number {
  let next = Math.floor(clock.now()) * 1000;
  return () => ++next;
}
