/** A query to a remote venue that got no answer in time (the venue may be down or slow). */
export class VenueTimeoutError extends Error {
  constructor(venue: string, query: string, timeoutMs: number) {
    super(`venue ${venue} did not answer ${query} within ${timeoutMs} ms`);
    this.name = 'VenueTimeoutError';
  }
}

/** A query the remote venue refused, with the venue's reason. */
export class VenueRequestError extends Error {
  constructor(venue: string, query: string, reason: string) {
    super(`venue ${venue} refused ${query}: ${reason}`);
    this.name = 'VenueRequestError';
  }
}
