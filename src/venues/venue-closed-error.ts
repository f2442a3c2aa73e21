/** A query made to, or left unanswered by, a venue that has been closed: it will never answer. */
export class VenueClosedError extends Error {
  constructor(venue: string) {
    super(`venue ${venue} is closed`);
    this.name = 'VenueClosedError';
  }
}
