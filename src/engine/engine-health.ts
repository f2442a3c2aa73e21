import { extended } from '../market/extended.js';
import { type FeedHealth, feedTrouble } from './feed-health.js';
import type { IntakeHealth } from './intake-closed-error.js';

/** How the engine is doing, as `/healthz` tells it. */
export interface EngineHealth {
  /**
   * `ok`; `degraded` while intake is open but a market-data feed is not live (orders wait for
   * data); `recovering` or `journal_unavailable` while intake is closed (see IntakeHealth).
   */
  readonly status: IntakeHealth['status'] | 'degraded';
  /** Why it is not ok, in words. */
  readonly reason?: string;
  /** Each live-feed engine's feeds, with their state and since when; absent on the simulated market. */
  readonly feeds?: readonly FeedHealth[];
}

/**
 * Intake's health with the feeds': a closed intake says why whatever the feeds do; an open one is
 * `degraded`, with the reason naming each feed not live, while any feed is down.
 */
export function engineHealth(intake: IntakeHealth, feeds: readonly FeedHealth[]): EngineHealth {
  if (feeds.length === 0) return intake;
  const trouble = intake.status === 'ok' ? feedTrouble(feeds) : undefined;
  if (trouble !== undefined) return { status: 'degraded', reason: trouble, feeds };
  return extended(intake, { feeds });
}
