/** The paper venue: child orders matched against a simulated (or scripted) market, no money at stake. */

export { parentIdOf } from '../child-id.js';
export { DelayLine } from './delay-line.js';
export type { Liquidity, PaperFill, PaperLedger } from './paper-ledger.js';
export type { PaperInstrument, PaperMarket } from './paper-market.js';
export type { PaperOrderRecord } from './paper-order.js';
export { PaperVenue, type PaperVenueOptions } from './paper-venue.js';
