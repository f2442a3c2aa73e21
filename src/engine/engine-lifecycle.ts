import type { CancelTimer, Clock } from '../core/clock.js';
import { extended } from '../market/extended.js';
import { DEFAULT_ORPHAN_SWEEP_MS, OrphanSweep, type OrphanSweepParts } from './orphan-sweep.js';

/** What an engine's running life schedules, and how it closes. */
export interface EngineLifecycleParts {
  readonly clock: Clock;
  /** How often stats are published to watchers (default 1 s). */
  readonly statsIntervalMs?: number;
  /** Publishes the engine's stats to watchers, now. */
  readonly publishStats: () => void;
  /** How often the orphan sweep runs once ready; 0 turns it off. DEFAULT_ORPHAN_SWEEP_MS if absent. */
  readonly orphanSweepMs?: number;
  /**
   * What the orphan sweep asks and tells: its `mayAct` is asked only while the engine is not
   * stopping.
   */
  readonly orphans: Omit<OrphanSweepParts, 'clock' | 'everyMs'>;
  /** Closes the engine's parts, in order, once the stats and the sweep have stopped. */
  readonly close: () => Promise<void>;
}

/**
 * An engine's running life: the stats it publishes and the orphan sweep it runs, each on the
 * clock's timers, and its one stop, which ends them before the engine's parts close. Whether the
 * engine is stopping is read here (intake and the trading states refuse changes then).
 */
export class EngineLifecycle {
  readonly #parts: EngineLifecycleParts;
  #statsTimer: CancelTimer | undefined;
  #stopping: Promise<void> | undefined;
  /** The continuous orphan reconciliation, from sweepOrphans() to stop() (none when turned off). */
  #orphanSweep: OrphanSweep | undefined;

  constructor(parts: EngineLifecycleParts) {
    this.#parts = parts;
  }

  /** Whether stop() has been called. */
  get stopping(): boolean {
    return this.#stopping !== undefined;
  }

  /** Publishes stats every `statsIntervalMs` from now on, until stop(). */
  publishStats(): void {
    if (this.#stopping !== undefined) return;
    const { clock, statsIntervalMs } = this.#parts;
    this.#statsTimer = clock.setTimer(clock.now() + (statsIntervalMs ?? 1000), () => {
      this.#parts.publishStats();
      this.publishStats();
    });
  }

  /**
   * Sweeps the venue for orphans every `orphanSweepMs` from now on (see OrphanSweep), until
   * stop() or stopSweeping(); once only, and not once stopping.
   */
  sweepOrphans(): void {
    const { clock, orphanSweepMs, orphans } = this.#parts;
    const everyMs = orphanSweepMs ?? DEFAULT_ORPHAN_SWEEP_MS;
    if (everyMs <= 0 || this.#orphanSweep !== undefined || this.#stopping !== undefined) return;
    const mayAct = (): boolean => this.#stopping === undefined && orphans.mayAct();
    this.#orphanSweep = new OrphanSweep(extended(orphans, { clock, everyMs, mayAct }));
    this.#orphanSweep.start();
  }

  /** Stops the orphan sweep for good, the engine running on. */
  stopSweeping(): void {
    this.#orphanSweep?.stop();
  }

  /** Stops the stats and the orphan sweep, then closes the engine's parts. Safe to call more than once. */
  stop(): Promise<void> {
    this.#stopping ??= this.#stop();
    return this.#stopping;
  }

  async #stop(): Promise<void> {
    this.#statsTimer?.();
    this.#orphanSweep?.stop();
    await this.#parts.close();
  }
}
