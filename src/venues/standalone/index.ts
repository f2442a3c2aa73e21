/** The standalone paper venue: a simulated market and paper venue served over websockets. */
export {
  parseVenueArgs,
  runVenueMain,
  VENUE_USAGE,
  type VenueMainIO,
  VenueUsageError,
} from './venue-main.js';
export {
  type RunningVenueServer,
  startVenueServer,
  type VenueServerOptions,
} from './venue-server.js';
