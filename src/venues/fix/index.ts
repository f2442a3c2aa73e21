/** A FIX 4.4 counterparty as a venue: exo's initiator (FixVenue) and its options. */
export { FixVenue } from './fix-venue.js';
export type { FixVenueOptions } from './fix-venue-options.js';
