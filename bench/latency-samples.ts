import { performance } from 'node:perf_hooks';

/** One receipt in this many is timed: reading the clock on every one would be most of the cost. */
const SAMPLE_EVERY = 64;

/**
 * Push-to-delegate latencies, sampled cheaply: one receipt in SAMPLE_EVERY reads the clock and
 * keeps the latency in a plain array; percentiles are worked out once, at the end, by sorting.
 */
export class LatencySamples {
  #receipts = 0;
  #micros: number[] = [];

  /** A delegate received a tick stamped `sentAt` (epoch milliseconds, sub-millisecond precise). */
  receipt(sentAt: number): void {
    if (++this.#receipts % SAMPLE_EVERY !== 0) return;
    this.#micros.push((performance.timeOrigin + performance.now() - sentAt) * 1000);
  }

  /** Forgets what was sampled so far (the orders' first updates, say). */
  reset(): void {
    this.#receipts = 0;
    this.#micros = [];
  }

  /** The latency at `percent` percent, in whole microseconds; 0 when nothing was sampled. */
  percentile(percent: number): number {
    const sorted = Float64Array.from(this.#micros).sort();
    if (sorted.length === 0) return 0;
    const at = Math.min(sorted.length - 1, Math.ceil((percent / 100) * sorted.length) - 1);
    return Math.round(sorted[Math.max(0, at)]!);
  }
}
