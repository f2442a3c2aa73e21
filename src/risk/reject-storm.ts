import type { Clock } from '../core/clock.js';
import type { Report } from '../market/report.js';
import { RecentTimes } from './recent-times.js';
import type { RejectStormRule } from './risk-limits.js';

/**
 * Whether a report is the venue refusing a new child (`rejected`, or a status-only report of a
 * rejected order): a price off the venue's grid, an unknown symbol, no margin, no permission, the
 * signatures of a bug or of a venue in trouble. A refused cancel or replace does not count: it
 * mostly loses a race with a fill ("too late"), which busy trading does all day.
 */
export function isVenueReject(report: Report): boolean {
  return (
    report.execType === 'rejected' ||
    (report.execType === undefined && report.status === 'rejected')
  );
}

/** What a reject storm watches with, and whom it tells. */
export interface RejectStormOptions {
  /** The engine's clock: the window slides on it. */
  readonly clock: Clock;
  /** Told once, with the count and the window, when a storm breaks. */
  readonly trigger: (reason: string) => void;
}

/**
 * A storm of the venue's rejects: `rejects` of them within `withinMs` (the latest `rejects`
 * arrived less than `withinMs` apart, on the engine's clock) fires the trigger, once. It stays
 * quiet until `reset` (a resume) re-arms it, counting afresh. Without a rule it counts nothing.
 *
 * It is fed the venue's own reports only: a child refused by exo's child checks is exo protecting
 * itself, and halting everything for it would stop every other order because one delegate loops
 * (the throttle and the hard cap deal with that delegate alone).
 */
export class RejectStorm {
  readonly #options: RejectStormOptions;
  #rule: RejectStormRule | undefined;
  /** The arrival times of the latest `rejects` rejects. */
  #times = new RecentTimes(0);
  #tripped = false;

  constructor(options: RejectStormOptions, rule?: RejectStormRule) {
    this.#options = options;
    this.setRule(rule);
  }

  /** Whether the storm broke and the trigger fired, since the start or the last reset. */
  get tripped(): boolean {
    return this.#tripped;
  }

  /** Puts a new rule in force (none: off); another rule than the one in force counts afresh. */
  setRule(rule: RejectStormRule | undefined): void {
    const same = rule?.rejects === this.#rule?.rejects && rule?.withinMs === this.#rule?.withinMs;
    this.#rule = rule;
    if (!same) this.#times = new RecentTimes(rule?.rejects ?? 0);
  }

  /** A report from the venue: a reject counts, and may break the storm. */
  report(report: Report): void {
    const rule = this.#rule;
    if (rule === undefined || this.#tripped || !isVenueReject(report)) return;
    const now = this.#options.clock.now();
    this.#times.add(now);
    const span = now - this.#times.oldest();
    if (span >= rule.withinMs) return;
    this.#tripped = true;
    this.#options.trigger(
      `reject storm: ${rule.rejects} venue rejects within ${span} ms ` +
        `(the limit is ${rule.rejects} within ${rule.withinMs} ms)`,
    );
  }

  /** Re-arms it after a halt was lifted: the rejects before count no more. */
  reset(): void {
    this.#tripped = false;
    this.#times = new RecentTimes(this.#rule?.rejects ?? 0);
  }
}
