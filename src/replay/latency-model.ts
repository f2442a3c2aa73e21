import { type SeededRandom, streamSeed } from '../feeds/sim/seeded-random.js';
import { durationUs } from './replay-time.js';

/** A latency option that is not `0`, a duration (`50us`, `2ms`, `1s`) or `lognormal:MEDIAN,P99`. */
export class LatencyOptionError extends Error {
  override readonly name = 'LatencyOptionError';
}

/**
 * A latency as replay models it, in integer microseconds: fixed, or drawn from a log-normal whose
 * median and 99th percentile are given (`lognormal:50us,400us`), from the run's seeded stream.
 */
export interface LatencyModel {
  /** The option as given, for the outcome's models. */
  readonly name: string;
  /** True when every draw is zero: nothing waits. */
  readonly zero: boolean;
  /** One latency in microseconds (the same seed gives the same draws in the same order). */
  draw(): number;
}

/** The standard normal's 99th percentile: a log-normal's p99 is median × exp(2.326 σ). */
const Z99 = 2.326_347_874;

/**
 * Parses a latency option (`option` names it in errors, e.g. `--decision-latency`); draws of a
 * jittered one come from `random`, a stream of its own under the run's seed.
 */
export function parseLatency(option: string, text: string, random: SeededRandom): LatencyModel {
  if (text.startsWith('lognormal:')) {
    const parts = text.slice('lognormal:'.length).split(',');
    if (parts.length !== 2) {
      throw new LatencyOptionError(
        `${option}: ${JSON.stringify(text)}: lognormal takes MEDIAN,P99`,
      );
    }
    const median = latencyUs(option, parts[0]!);
    const p99 = latencyUs(option, parts[1]!);
    if (median <= 0 || p99 < median) {
      throw new LatencyOptionError(
        `${option}: ${JSON.stringify(text)}: lognormal needs 0 < MEDIAN <= P99`,
      );
    }
    const sigma = Math.log(p99 / median) / Z99;
    return {
      name: text,
      zero: false,
      draw: () => Math.round(median * Math.exp(sigma * normal(random))),
    };
  }
  const fixed = latencyUs(option, text);
  return { name: text, zero: fixed === 0, draw: () => fixed };
}

/** The random stream of one latency option under the run's seed. */
export function latencySeed(seed: number, option: string): number {
  return streamSeed(seed, option);
}

/** `0` or an integer or decimal count of us, ms or s, as whole microseconds (exact: 1.005ms is 1005). */
function latencyUs(option: string, text: string): number {
  if (text === '0') return 0;
  const us = /^\d+(?:\.\d+)?(us|ms|s)$/.test(text) ? durationUs(text) : undefined;
  if (us === undefined) {
    throw new LatencyOptionError(
      `${option}: ${JSON.stringify(text)} is not a latency (0, 50us, 2ms, 1s or lognormal:50us,400us; whole microseconds)`,
    );
  }
  return us;
}

/** A standard normal draw (Box-Muller, one of the pair). */
function normal(random: SeededRandom): number {
  const u = 1 - random.next();
  const v = random.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
