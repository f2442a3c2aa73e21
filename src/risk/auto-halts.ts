import type { Clock } from '../core/clock.js';
import type { Report } from '../market/report.js';
import { RejectStorm } from './reject-storm.js';
import type { AutoHaltLimits } from './risk-limits.js';
import { VenueDisconnect } from './venue-disconnect.js';

/** What set off an automatic halt. */
export type AutoHaltCause = 'reject_storm' | 'venue_disconnect' | 'daily_loss';

/** Where an automatic halt goes: the engine's halt, with the cause and a reason to show. */
export type AutoHaltTrigger = (cause: AutoHaltCause, reason: string) => void;

/** What the automatic halts watch with, and whom they tell. */
export interface AutoHaltsOptions {
  readonly clock: Clock;
  /** The venue's name, for the reasons. */
  readonly venue: string;
  readonly trigger: AutoHaltTrigger;
}

/**
 * The automatic halts of the limits' `autoHalt`, in one place for the engine to feed: the venue's
 * reports (a reject storm), its connection (away too long) and a breach of the daily loss limit.
 * Each fires the one trigger with its cause, once, until `reset` (a resume) re-arms them all. A
 * change of limits puts each rule in force without losing what is being watched: the venue away
 * since a while stays timed from when it went.
 */
export class AutoHalts {
  readonly #trigger: AutoHaltTrigger;
  readonly #storm: RejectStorm;
  readonly #disconnect: VenueDisconnect;
  #dailyLoss = false;
  #dailyLossTripped = false;

  constructor(options: AutoHaltsOptions) {
    const { clock, venue, trigger } = options;
    this.#trigger = trigger;
    this.#storm = new RejectStorm({ clock, trigger: (reason) => trigger('reject_storm', reason) });
    this.#disconnect = new VenueDisconnect({
      clock,
      venue,
      trigger: (reason) => trigger('venue_disconnect', reason),
    });
  }

  /** Puts the limits' automatic halts in force (none at all: every one off). */
  setLimits(limits: AutoHaltLimits | undefined): void {
    this.#storm.setRule(limits?.rejectStorm);
    this.#disconnect.setTimeoutMs(limits?.venueDisconnectMs);
    this.#dailyLoss = limits?.dailyLoss === true;
  }

  /** A report straight from the venue (never a refusal of exo's own checks). */
  report(report: Report): void {
    this.#storm.report(report);
  }

  /** The venue connected or disconnected. */
  connection(connected: boolean): void {
    this.#disconnect.connection(connected);
  }

  /** The daily loss limit was broken: halts when `dailyLoss` is on, once until a reset. */
  dailyLossBreached(reason: string): void {
    if (!this.#dailyLoss || this.#dailyLossTripped) return;
    this.#dailyLossTripped = true;
    this.#trigger('daily_loss', reason);
  }

  /** Re-arms every automatic halt: a halt was lifted. */
  reset(): void {
    this.#storm.reset();
    this.#disconnect.reset();
    this.#dailyLossTripped = false;
  }

  /** Stops the timers, for good: the engine is stopping. */
  stop(): void {
    this.#disconnect.stop();
  }
}
