import { type Decimal, decimal, ZERO } from '../market/decimal.js';
import type { QuoteTick, TradeTick } from '../ticks/tick-event.js';
import { ReportInputError } from './report-input-error.js';

/** A symbol's recorded volume and Σ px·qty from the recording's start up to some event. */
export interface TapeSums {
  readonly volume: Decimal;
  readonly notional: Decimal;
}

/** The sums before any trade. */
export const NO_TRADES: TapeSums = { volume: ZERO, notional: ZERO };

/**
 * The sums after one more trade. Running sums let every order on a symbol read its life's volume
 * and VWAP as a difference of two of them, so each trade is parsed and added once, however many
 * orders it falls in.
 */
export function addTrade(sums: TapeSums, trade: TradeTick, index: number): TapeSums {
  const qty = parsed(trade, 'qty', index);
  return {
    volume: sums.volume.plus(qty),
    notional: sums.notional.plus(qty.times(parsed(trade, 'px', index))),
  };
}

const TWO = decimal('2');

/** A quote's exact mid, (bid + ask) / 2. */
export function exactMid(quote: QuoteTick, index: number): Decimal {
  return parsed(quote, 'bidPx', index)
    .plus(parsed(quote, 'askPx', index))
    .div(TWO);
}

/** A quote's mid as a float, for drawing only; a ReportInputError when a price is no number. */
export function chartMid(quote: QuoteTick, index: number): number {
  return (chartNumber(quote, 'bidPx', index) + chartNumber(quote, 'askPx', index)) / 2;
}

/** A decimal field of an event, or a ReportInputError naming the event and the field. */
function parsed<T extends QuoteTick | TradeTick>(event: T, field: keyof T & string, index: number) {
  const text = event[field] as string;
  try {
    return decimal(text);
  } catch {
    throw notADecimal(text, index, field);
  }
}

function chartNumber(quote: QuoteTick, field: 'bidPx' | 'askPx', index: number): number {
  const value = Number(quote[field]);
  if (!Number.isFinite(value) || quote[field].trim() === '') {
    throw notADecimal(quote[field], index, field);
  }
  return value;
}

function notADecimal(text: string, index: number, field: string): ReportInputError {
  return new ReportInputError(`is not a decimal: ${JSON.stringify(text)}`, `event ${index}`, field);
}
