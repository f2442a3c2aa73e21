/**
 * A receive clock in integer microseconds since the epoch: monotonic (performance.now), anchored
 * once to wall time (performance.timeOrigin), so a recording's receive times never go backwards
 * even when the wall clock is stepped.
 */
export function monotonicMicros(): () => number {
  const originUs = Math.round(performance.timeOrigin * 1000);
  let last = 0;
  return () => {
    const now = originUs + Math.floor(performance.now() * 1000);
    last = Math.max(now, last);
    return last;
  };
}
