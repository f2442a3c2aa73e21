/** The standalone paper venue: a simulated market and paper venue served over websockets. */
export type { ChildOrderJSON, ChildReplaceJSON } from './child-request-json.js';
export type {
  FillJSON,
  OrderStatusJSON,
} from './venue-answer-json.js';
export {
  parseVenueArgs,
  runVenueMain,
  VENUE_USAGE,
  type VenueMainIO,
  VenueUsageError,
} from './venue-main.js';
export type { ClientMessageJSON, ServerMessageJSON } from './venue-protocol.js';
export {
  type RunningVenueServer,
  startVenueServer,
  type VenueServerOptions,
} from './venue-server.js';
