import type { VenueLink } from '../venues/venue.js';

/** A child whose pending request's outcome is unknown: never resent, waiting to be resolved. */
export interface UnknownChild {
  readonly orderId: string;
  readonly clOrdId: string;
}

/**
 * Where the venue stands (Engine.venueStatus): what `GET /v1/venue` answers and the dashboard's
 * venue panel shows.
 */
export interface VenueStatus {
  readonly name: string;
  /** The link, for a venue reached over a connection; absent for the in-process paper venue. */
  readonly link?: VenueLink;
  readonly unknownChildren: readonly UnknownChild[];
}
