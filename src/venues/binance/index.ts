export type { BinanceApiError } from './binance-api-error.js';
export type { BinanceCredentials } from './binance-signer.js';
export { BinanceSigner, fingerprintOf } from './binance-signer.js';
export { type BinanceEvent, BinanceVenue, type BinanceVenueOptions } from './binance-venue.js';
