/** The market domain: exo's values (sides, quotes, trades, reports) and their JSON boundary. */
export * from './decimal.js';
export * from './exec-type.js';
export * from './field-reader.js';
export * from './fills.js';
export * from './json.js';
export * from './msg-type.js';
export * from './ord-status.js';
export * from './order.js';
export * from './parse.js';
export * from './parse-error.js';
export * from './parse-field.js';
export * from './quote.js';
export * from './report.js';
export * from './side.js';
export * from './time-in-force.js';
export * from './trade.js';
export * from './units.js';
