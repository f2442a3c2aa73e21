/** A subscription the feed refuses: the feed is closed, or the exchange's per-connection limit is reached. */
export class FeedSubscriptionError extends Error {
  constructor(
    readonly symbol: string,
    reason: string,
  ) {
    super(`cannot subscribe ${symbol}: ${reason}`);
    this.name = 'FeedSubscriptionError';
  }
}
