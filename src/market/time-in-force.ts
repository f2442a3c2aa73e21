/** How long an order stays working: good till cancel, immediate or cancel, fill or kill, day. */
export type TimeInForce = 'gtc' | 'ioc' | 'fok' | 'day';

/** Every time in force, for validation. */
export const TIMES_IN_FORCE: readonly TimeInForce[] = ['gtc', 'ioc', 'fok', 'day'];
