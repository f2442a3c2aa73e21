import type { Logger } from 'pino';
import type { Clock } from '../core/clock.js';
import type { Feed, FeedProblem, FeedState } from '../feeds/index.js';
import { withoutCredentials } from '../util/without-credentials.js';
import { LogThrottle } from './log-throttle.js';

/** What the feed log follows: the feed's name, where it stands since when, and its events. */
export type LoggedFeed = Pick<Feed, 'exchange' | 'state' | 'stateSince' | 'on'>;

/** Where the lines go: the service's pino logger (only `info` and `warn` are used). */
export type FeedLogger = Pick<Logger, 'info' | 'warn'>;

/** How often at most a repeated kind of line is written, unless the caller says otherwise. */
export const FEED_LOG_INTERVAL_MS = 10_000;

/** The states in which a feed is not delivering data though it should: logged at warn. */
const TROUBLE: ReadonlySet<FeedState> = new Set(['stalled', 'reconnecting']);

/**
 * Writes a feed's state changes and problems to the service log, so a feed that cannot connect is
 * seen without scraping metrics. Each kind of line (entering each state, stalled and reconnecting
 * counting as one; each problem kind) is written the first time, then at most once per `intervalMs` with the number held back
 * meanwhile; the line that says the feed is live again counts the connection failures and stalls
 * since the last one. Texts are written without URL credentials or query strings. Returns the
 * function that stops following.
 */
export function logFeed(
  feed: LoggedFeed,
  logger: FeedLogger,
  options: { readonly clock: Clock; readonly intervalMs?: number },
): () => void {
  const throttle = new LogThrottle(options.clock, options.intervalMs ?? FEED_LOG_INTERVAL_MS);
  const { exchange } = feed;
  let failures = 0;
  const onState = (state: FeedState): void => {
    const verdict = throttle.note(TROUBLE.has(state) ? 'trouble' : state);
    if (!verdict.write) return;
    const fields: Record<string, unknown> = { exchange, state, since: feed.stateSince };
    let message = `feed ${exchange} ${state}`;
    if (state === 'live' && failures > 0) {
      fields.failures = failures;
      message += ` after ${failures} connection failures and stalls`;
      failures = 0;
    }
    if (verdict.held > 0) {
      fields.heldBack = verdict.held;
      message += ` (${verdict.held} similar state changes not logged)`;
    }
    if (TROUBLE.has(state)) logger.warn(fields, message);
    else logger.info(fields, message);
  };
  const onProblem = (problem: FeedProblem): void => {
    if (problem.kind === 'connection' || problem.kind === 'stall') failures++;
    const verdict = throttle.note(`problem:${problem.kind}`);
    if (!verdict.write) return;
    const fields: Record<string, unknown> = {
      exchange,
      kind: problem.kind,
      state: feed.state,
      since: feed.stateSince,
    };
    if (problem.frame !== undefined) fields.frame = problem.frame;
    let message = `feed ${exchange} ${problem.kind}: ${withoutCredentials(problem.text)}`;
    if (verdict.held > 0) {
      fields.heldBack = verdict.held;
      message += ` (and ${verdict.held} more since the last such line)`;
    }
    logger.warn(fields, message);
  };
  const stops = [feed.on('state', onState), feed.on('problem', onProblem)];
  return () => {
    for (const stop of stops) stop();
  };
}
