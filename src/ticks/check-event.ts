import type { TickChecks } from './tick-checks.js';
import type { TickEvent } from './tick-event.js';

/**
 * Checks every field of one event (kind, symbols, decimals, times in order, side, trade ID),
 * throwing the TickFileError for the first bad one; the receive time is checked last, so a refused
 * event leaves the time order as it was.
 */
export function checkEvent(checks: TickChecks, event: TickEvent): void {
  switch (event.kind) {
    case 'quote':
      checks.symbol('symbol', event.symbol);
      checks.micros('venueUs', event.venueUs);
      checks.decimal('bidPx', event.bidPx);
      checks.decimal('bidQty', event.bidQty);
      checks.decimal('askPx', event.askPx);
      checks.decimal('askQty', event.askQty);
      break;
    case 'trade':
      checks.symbol('symbol', event.symbol);
      checks.micros('venueUs', event.venueUs);
      checks.decimal('px', event.px);
      checks.decimal('qty', event.qty);
      if (event.side !== undefined && event.side !== 'buy' && event.side !== 'sell') {
        checks.fail('side', `expected buy or sell, got ${JSON.stringify(event.side)}`);
      }
      if (event.tradeId !== undefined && typeof event.tradeId !== 'string') {
        checks.fail('tradeId', `expected a string, got ${JSON.stringify(event.tradeId)}`);
      }
      break;
    case 'symbol':
      checks.symbol('symbol', event.symbol);
      if (event.tickSize !== undefined) checks.decimal('tickSize', event.tickSize);
      if (event.lotSize !== undefined) checks.decimal('lotSize', event.lotSize);
      break;
    case 'gap':
      if (!Array.isArray(event.symbols)) checks.fail('symbols', 'expected a list of symbols');
      for (const symbol of event.symbols) checks.symbol('symbols', symbol);
      checks.micros('fromUs', event.fromUs);
      checks.micros('toUs', event.toUs);
      break;
    default:
      checks.fail('kind', `unknown kind ${JSON.stringify((event as { kind: unknown }).kind)}`);
  }
  checks.time(event.recvUs);
}
