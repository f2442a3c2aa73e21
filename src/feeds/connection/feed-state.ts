/**
 * Where a feed's connection stands, for the service's metrics and dashboard: `idle` before the first
 * subscription, `connecting`, `live` (subscriptions confirmed or data flowing), `stalled` (silence
 * detected, the connection is being replaced), `reconnecting` (waiting out a backoff), `closed`.
 */
export type FeedState = 'idle' | 'connecting' | 'live' | 'stalled' | 'reconnecting' | 'closed';

/** Every feed state, in lifecycle order. */
export const FEED_STATES: readonly FeedState[] = [
  'idle',
  'connecting',
  'live',
  'stalled',
  'reconnecting',
  'closed',
];
