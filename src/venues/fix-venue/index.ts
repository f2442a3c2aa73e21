/** The standalone venue as a FIX 4.4 acceptor: `exo venue --protocol fix`. */
export { fixProtocol, parseFixArgs } from './fix-protocol.js';
export { type FixVenueOptions, type RunningFixVenue, startFixVenue } from './fix-venue-server.js';
