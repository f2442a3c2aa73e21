/** A venue in another process (the standalone paper venue), reached over websockets. */
export { VenueClosedError } from '../venue-closed-error.js';
export { VenueRequestError, VenueTimeoutError } from './remote-errors.js';
export { RemoteMarketData } from './remote-market-data.js';
export { RemoteVenue, type RemoteVenueOptions } from './remote-venue.js';
export { VENUE_RESTARTED_TEXT } from './restart-policy.js';
