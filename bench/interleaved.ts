import { median } from './report.js';

/** The measurements of one side of an on/off comparison, a round each. */
export interface OnOff<T> {
  readonly on: T[];
  readonly off: T[];
}

/**
 * Measures `off` and `on` in `rounds` rounds, one of each a round, alternating which goes first:
 * a noisy neighbour or a slow stretch of the machine hits both, and neither always inherits the
 * other's garbage.
 */
export async function interleaved<T>(
  rounds: number,
  measure: (on: boolean) => T | Promise<T>,
): Promise<OnOff<T>> {
  const results: OnOff<T> = { on: [], off: [] };
  for (let round = 0; round < rounds; round++) {
    const firstOn = round % 2 === 1;
    const first = await measure(firstOn);
    const second = await measure(!firstOn);
    results.on.push(firstOn ? first : second);
    results.off.push(firstOn ? second : first);
  }
  return results;
}

/** The median of each round's on/off ratio: each on against the off measured next to it. */
export function medianRatio(figures: OnOff<number>): number {
  return median(figures.on.map((on, round) => on / figures.off[round]!));
}
