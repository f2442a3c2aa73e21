import { median } from './report.js';

/**
 * Measures each of `variants` once a round for `rounds` rounds, each round starting one further
 * along (off, on; then on, off): a noisy neighbour or a slow stretch of the machine hits them all,
 * and none always inherits another's garbage. The measurements by variant, a round each.
 */
export async function interleaved<K extends string, T>(
  rounds: number,
  variants: readonly K[],
  measure: (variant: K) => T | Promise<T>,
): Promise<Record<K, T[]>> {
  const results = Object.fromEntries(variants.map((variant) => [variant, []])) as unknown as Record<
    K,
    T[]
  >;
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < variants.length; i++) {
      const variant = variants[(round + i) % variants.length]!;
      results[variant].push(await measure(variant));
    }
  }
  return results;
}

/** The median of each round's ratio of `a` to `b`: each against the one measured next to it. */
export function medianRatio(a: readonly number[], b: readonly number[]): number {
  return median(a.map((value, round) => value / b[round]!));
}
